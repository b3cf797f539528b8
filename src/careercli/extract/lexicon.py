"""The words around the taxonomy that reading prose needs: other forms of a skill's name, phrases
that only look like one, the names that need context, and the cues that give it.

The taxonomy (data/skills.yaml) says what a skill is called; this table says how people write
about it in a sentence. Every entry names a canonical skill, and a test checks each one exists.
Nothing here adds a skill that the text does not name: a form is the same skill in another
inflection ("mentored" → mentoring), word order ("tune SQL" → performance tuning), a common
abbreviation ("CI" → CI/CD) or French ("apprentissage automatique" → machine learning).
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------- other forms

# Phrases read as a skill wherever they stand in a sentence (matched like a name: whole words,
# case-insensitive, longest first). Written lower-case, hyphens as spaces.
PROSE_FORMS: dict[str, tuple[str, ...]] = {
    "mentoring": ("mentor", "mentors", "mentored", "mentorat", "mentoring junior developers"),
    "teaching": ("teach",),
    "REST APIs": ("rest",),  # written upper-case: "REST services", never "the rest of"
    "CI/CD": ("ci",),  # written upper-case: see UPPER_ONLY
    "fine-tuning": ("fine tuned", "finetuned"),
    "forecasting": ("forecast", "forecasts", "prévision", "prévisions"),
    "model deployment": (
        "deploy models", "deployed models", "deploy ml models", "deploy the models",
        "mise en production",
    ),
    "experiment tracking": (
        "track experiments", "tracked experiments", "tracking experiments",
        "suivi des expériences", "suivi d'expériences",
    ),
    "requirements gathering": ("gather requirements", "gathered requirements"),
    "peer review": ("peer reviewer", "peer reviewers"),
    "incident response": ("incident commander",),
    "code review": (
        "review pull requests", "reviewing pull requests", "reviewed pull requests",
        "pull request code review", "code reviewer",
    ),
    "AI agents": ("build agents", "building agents", "built agents", "tool calling agents"),
    "dashboard design": ("dashboard", "tableau de bord", "tableaux de bord"),
    "data visualization": ("visualisation de données", "visualisation des données"),
    # French: the same skills in the words of a French ad or CV
    "machine learning": ("apprentissage automatique",),
    "deep learning": ("apprentissage profond",),
    "reinforcement learning": ("apprentissage par renforcement",),
    "time series analysis": ("séries temporelles", "série temporelle"),
    "time series forecasting": (
        "prévision de séries temporelles", "prévision des séries temporelles",
    ),
    "data warehousing": ("entrepôt de données", "entrepôts de données"),
    "ETL": ("pipelines de données", "pipeline de données"),
    "data quality": ("qualité des données", "qualité de données"),
    "data analysis": ("analyse de données", "analyse des données"),
    "data modeling": (
        "modélisation des données", "modélisation de données", "modéliser les données",
    ),
    "data engineering": ("ingénierie des données", "ingénierie de données"),
    "data science": ("science des données",),
    "data governance": ("gouvernance des données",),
    "GDPR": ("rgpd",),
    "natural language processing": (
        "traitement du langage naturel", "traitement automatique du langage",
    ),
    "computer vision": ("vision par ordinateur",),
    "people management": (
        "gestion d'équipe", "gestion des équipes", "managing a team", "manage a team",
        "managed a team", "managing teams",
    ),
    "project management": ("gestion de projet", "gestion de projets"),
    "logistic regression": ("régression logistique",),
    "linear regression": ("régression linéaire",),
    "pivot tables": ("tableaux croisés dynamiques", "tableau croisé dynamique"),
    "VLOOKUP": ("recherchev",),
    "distributed training": ("entraînement distribué",),
    "statistics": ("statistique", "statistiques"),
    "business intelligence": ("intelligence d'affaires", "informatique décisionnelle"),
    "collaboration": ("travail d'équipe", "esprit d'équipe"),
    "problem solving": ("résolution de problèmes",),
    "leadership": ("diriger une équipe",),
    "software engineering": (
        "génie logiciel", "ingénierie logicielle",
        # A title held is evidence of the work it names ("Senior Software Engineer, 2018-24").
        "software engineer", "software engineers", "software developer", "software developers",
        "backend engineer", "backend developer", "back end engineer", "back end developer",
        "full stack engineer", "full stack developer", "fullstack engineer", "fullstack developer",
    ),
}  # fmt: skip

# Forms read with a gap of a few words ("tune our slowest SQL", "cleaned the survey data"):
# (skill, words one of which the sentence must contain, a regular expression over its
# lower-case words).
GAP_FORMS: tuple[tuple[str, str, str], ...] = (
    (
        "performance tuning",
        "tun optimi",
        r"\b(?:tune|tunes|tuned|tuning|optimi[sz]e|optimi[sz]es|optimi[sz]ed|optimi[sz]ing)"
        r"(?: [\w'.+#-]+){0,3}? (?:sql|queries|query|databases|database|stored procedures)\b",
    ),
    (
        "data cleaning",
        "clean",
        r"\b(?:clean|cleans|cleaned|cleaning)(?: up)?(?: [\w'.-]+){0,6}? "
        r"(?:data|dataset|datasets|records|exports)\b",
    ),
    (
        "testing",
        "tests",
        r"\b(?:write|writes|writing|wrote|written|run|runs|running|automated|unit|integration|"
        r"end|contract|e2e|smoke|load|acceptance|component|snapshot)(?: and [\w-]+)?(?: to end)?"
        r" tests\b",
    ),
    ("software engineering", "software", r"\bas an? (?:[\w-]+ )?software engineer\b"),
    (
        "leadership",
        "lead led",
        r"\b(?:lead|leads|leading|led)(?: a| the| my| our)?(?: [\w-]+)? teams?\b",
    ),
)

# A phrase that is a skill's name in ordinary words: nothing is read from it. They win like
# names do (leftmost, longest), so "water quality testing" hides "testing".
BLOCKED = (
    "r & d", "r and d", "c suite", "class c", "level c", "vitamin c",
    "go to", "go the extra mile", "go from", "go clubs", "go club", "jeu de go", "go board game",
    "rust belt", "rust proofing", "suzuki swift", "dodge dart", "dart league", "dart frogs",
    "spark plugs", "spark plug", "spark chamber", "kafka & sons", "kafka and sons",
    "python enclosure", "reticulated python", "ball python", "burmese python", "monty python",
    "reports to", "report to", "reporting to", "reporting directly to", "reporting line",
    "reporting lines", "incident reports", "incident report", "study report",
    "clinical study report",
    "water quality testing", "quality testing", "log rank tests", "blood tests", "lab tests",
    "statistical tests", "significance tests", "hiring process", "hiring manager",
    "hiring managers", "hiring team", "we're hiring", "are hiring", "is hiring",
    "networking events", "networking event", "guardrail metrics", "guardrail metric",
    "flow sheets", "x ray", "stingray", "ray tracer", "ray tracing", "now hiring",
    "urgently hiring", "immediately hiring", "hiring immediately", "hiring incentive",
    "hiring bonus", "hiring event", "recruiting assistant", "recruitment process",
    "are recruiting", "is recruiting", "we're recruiting",
    # a team named after its field is where the work happens, not a skill someone has
    "data science team", "data science teams", "machine learning team", "machine learning teams",
    "ml team", "ml teams", "ai team", "ai teams",
)  # fmt: skip

# --------------------------------------------------------------------------- context

# Names that are also ordinary words, places or people: a lone "Go", "R" or "Spark" counts
# only written as the name is written, and with context (see Extractor): another technology
# in the sentence, a cue next to it ("Go developer", "in R", "R packages"), joined by a slash
# or plus to another technology ("C/C++"), or alone in a list item or table cell.
NEEDS_CONTEXT = frozenset(
    "go r c rust swift spark julia dart scala ruby ray jenkins spring doe cpp".split()
)
# Lower-case "excel" counts after a level ("strong excel", "advanced excel"); "Excel" counts
# unless it is the verb ("Excel in", "excels at", "Excel-lent").
EXCEL = "excel"
# Names that count only capitalised as a name: "snowflake servers", "photometric redshift",
# "fluctuation amplitude", "invited keynote", "Latex gloves", "HVAC airflow" are not the tools.
CAPITALISED = frozenset(
    "snowflake redshift amplitude keynote latex airflow hibernate hive helm flask node torch "
    "looker bedrock glue chroma react tableau puppet".split()
)
EXACT_CASE = {"latex": ("LaTeX", "LATEX")}
# Short all-letter abbreviations count only upper-case ("ML", "LLM", "RAG", "CI"): "10 ml" of
# saline is not machine learning.
SHORT_ABBREVIATION = 4

# Words that say the sentence is about technology when they follow or precede a name that
# needs context ("Go services", "Spark jobs", "R packages", "in R", "fluent in Scala").
CUES_AFTER = frozenset(
    """
    programming programmer programmers language languages developer developers development
    engineer engineers engineering code codebase coding scripts script scripting services
    service microservices backend library libraries package packages framework frameworks
    ecosystem stack jobs cluster clusters sdk api apis app apps application applications
    notebooks notebook server servers pipelines pipeline dataframes dataframe modules clis
    compiler kernels workbook workbooks formulas macros spreadsheet spreadsheets boot security
    mvc streaming shiny markdown studio mllib on
    """.split()
)
CUES_BEFORE = frozenset(
    """
    in using fluent fluency proficient proficiency expert advanced strong solid basic working
    intermediate written programming some
    """.split()
)
# Words anywhere in the sentence that give a name its context ("Ray for distributed scoring").
CONTEXT_WORDS: dict[str, frozenset[str]] = {
    "ray": frozenset(
        "distributed cluster clusters inference scale scaling serve tune batch "
        "workers gpu gpus training".split()
    ),
    "spark": frozenset(
        "data jobs cluster clusters databricks etl pipelines big batch streaming".split()
    ),
    "scala": frozenset("jvm spark functional".split()),
    "r": frozenset("statistical statistics regression tidyverse ggplot2 shiny cran".split()),
}
# Words that are skills only when the sentence is about software: "laboratory testing", "camp
# programming", "medical documentation" are not. Another technical skill in the sentence, or
# one of these words, is enough.
TECH_ONLY = frozenset({"programming", "coding", "testing", "documentation", "computer programming"})
SOFTWARE_WORDS = frozenset(
    """
    software code codebase services service api apis unit automated automation integration
    regression qa jest pytest selenium playwright cypress junit ci pipelines pipeline developer
    developers engineers engineering app apps application applications frontend backend
    technical git repository repositories python java javascript
    """.split()
)
CUE_WINDOW = 8  # tokens either side of a term in which a cue counts
NO_IN_CUE = frozenset({"spring", "ray", "doe", "jenkins"})
LEVEL_WORDS = frozenset(
    "strong advanced expert proficient solid intermediate basic good fluent working".split()
)
# Categories whose skills make a sentence technical enough for a name that needs context.
TECH_CATEGORIES = frozenset(
    {"language", "database", "data-engineering", "ml", "ml-library", "cloud", "devops",
     "software", "bi", "analytics", "marketing"}
)  # fmt: skip
# Words after a name that make it a company ("Ironbridge Analytics Group").
COMPANY_WORDS = frozenset(
    "group inc llc ltd limited partners corporation corp co company labs solutions associates "
    "holdings gmbh sa plc".split()
)

_REPORT_CUES = """
    data dashboards dashboard kpi kpis metrics bi power tableau sql ssrs looker weekly monthly
    quarterly board finance financial sales automated refreshable business datasets workbooks
    """
# Terms that name several skills (the taxonomy's `ambiguous` table, and a few prose words):
# read only when a cue word in the same sentence says which. Nothing otherwise.
CUES: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {
    "networking": (
        ("computer networking", frozenset("dns tcp vlan vlans firewall firewalls routing "
                                          "routers switches subnets vpn bgp lan wan protocols "
                                          "load balancers balancers".split())),
    ),
    "network": (
        ("computer networking", frozenset("dns tcp vlan vlans firewall firewalls routing routers "
                                          "switches subnets vpn bgp lan wan".split())),
    ),
    "networks": (
        ("computer networking", frozenset("dns tcp vlan vlans firewall firewalls routing routers "
                                          "switches subnets vpn bgp lan wan ot".split())),
    ),
    "monitoring": (
        ("monitoring and observability",
         frozenset("prometheus grafana datadog alerting alerts observability uptime logging "
                   "logs slos slo infrastructure stack pagerduty".split())),
        ("model monitoring", frozenset("model models drift predictions ml".split())),
    ),
    "regression": (
        ("regression analysis",
         frozenset("models model analysis linear logistic coefficients statistical".split())),
    ),
    "high availability": (
        ("high availability",
         frozenset("traffic services systems clusters databases database uptime failover sla "
                   "servers replication kubernetes".split())),
    ),
    "containers": (
        ("containerization",
         frozenset("docker kubernetes podman images orchestration k8s".split())),
    ),
    "streaming": (
        ("stream processing",
         frozenset("data pipelines pipeline events event kafka flink batch platform backbone "
                   "ingestion jobs real-time".split())),
    ),
    "reports": (("reporting", frozenset(_REPORT_CUES.split())),),
    "report": (("reporting", frozenset(_REPORT_CUES.split())),),
}  # fmt: skip

# A heading with one of these words opens a nice-to-have section ("Nice to have", "Bonus
# points", "Atouts"); an inline label before a colon does the same for its line ("Preferred:").
NICE_HEADINGS = re.compile(
    r"\b(nice[ -]to[ -]have|preferred|bonus|pluses|plus|helpful|also welcome|atouts?|assets?|"
    r"desired|desirable|good to have|optional|would be great|souhaité)\b",
    re.IGNORECASE,
)
# In a clause, these make its skills nice to have ("JAX a plus", "no, but welcome").
NICE_CLAUSE = re.compile(
    r"\b(an? plus|is a plus|are a plus|a bonus|preferred|nice[ -]to[ -]have|but welcome|"
    r"un plus|un atout|an asset|is an asset|desirable|optional|would be great|bonus)\b",
    re.IGNORECASE,
)
# Words in a table cell that mark its row nice to have, or required.
NICE_CELLS = frozenset(
    {
        "nice",
        "nice to have",
        "preferred",
        "optional",
        "bonus",
        "plus",
        "no, but welcome",
        "welcome",
        "desirable",
        "a plus",
    }
)
REQUIRED_CELLS = frozenset({"must", "must have", "required", "yes", "essential", "mandatory"})
