"""Check careercli's HTML reports in a real, headless browser, at phone and desktop widths.

    pip install playwright            # the Python driver only; the browser is your Chromium
    python scripts/check_report.py                      # makes the reports, then checks them
    python scripts/check_report.py report.html ...      # checks these files
    python scripts/check_report.py --shots DIR          # also saves screenshots there

Each report is made by the installed careercli (compare, gap, plan, salary, each with
--export), opened from disk with JavaScript disabled in the page (the report has none; this
script measures it from outside) and checked at 390x844 (a phone) and 1280x800 (a desktop):

- nothing is wider than the screen: the page never scrolls sideways (a wide table may scroll
  inside its own box on a desktop; on a phone each row is a card and must fit);
- every table has a header row, and on a phone each value cell shows its column's name;
- every link is http(s), and there is no <script>, <iframe>, <object> or inline handler;
- the report names the command, its inputs, the date and careercli's version, and lists its
  sources;
- printed (the print media type), links keep their text and tables their header rows.

Chromium comes from CHROMIUM (default: the first of chromium, chromium-browser, google-chrome
on PATH). Exit status 0 only when every check holds; each failure is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
REPORTS = {
    "compare.html": ["compare"],
    "compare4.html": ["compare", "da", "ds", "mle", "lead mle", "--full"],
    "gap.html": ["gap", "--skills", "sql, python, tableau", "--years", "3", "--explain"],
    "plan.html": ["plan", "data-analyst", "--skills", "sql", "--hours-per-week", "6"],
    "salary.html": ["salary", "data analyst", "lead machine learning engineer"],
}

MEASURE = """() => {
  const doc = document.documentElement;
  const out = {
    scrollWidth: doc.scrollWidth,
    clientWidth: doc.clientWidth,
    tables: document.querySelectorAll('table').length,
    headless: [...document.querySelectorAll('table')].filter(t => !t.querySelector('th')).length,
    badLinks: [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))
      .filter(h => !/^https?:\\/\\//.test(h || '')),
    active: document.querySelectorAll('script, iframe, object, embed').length
      + [...document.querySelectorAll('*')].filter(
          e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
    text: document.body.innerText,
    overflowing: [],
    unlabelled: 0,
  };
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > doc.clientWidth + 1 && !el.closest('.table')) {
      out.overflowing.push(el.tagName + ' ' + (el.textContent || '').slice(0, 40));
    }
  }
  for (const td of document.querySelectorAll('td')) {
    const label = getComputedStyle(td, '::before').content;
    if (td.hasAttribute('data-label') && (label === 'none' || label === 'normal')) {
      out.unlabelled += 1;
    }
  }
  return out;
}"""


def chromium() -> str:
    found = os.environ.get("CHROMIUM") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p),
        None,
    )
    if not found:
        raise SystemExit("No Chromium found: install it, or set CHROMIUM to its path.")
    return found


def make_reports(folder: Path) -> list[Path]:
    cli = shutil.which("careercli") or str(Path(sys.executable).with_name("careercli"))
    out = []
    for name, args in REPORTS.items():
        path = folder / name
        subprocess.run([cli, *args, "--export", str(path)], check=True, capture_output=True)
        out.append(path)
    return out


def check(page, path: Path, size: str) -> list[str]:
    problems = []
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(media="screen")
    page.goto(path.resolve().as_uri())
    got = page.evaluate(MEASURE)
    where = f"{path.name} @ {size}"
    if got["scrollWidth"] > got["clientWidth"]:
        problems.append(f"{where}: the page is {got['scrollWidth']}px wide in {width}px")
    if size == "phone" and got["overflowing"]:
        problems.append(f"{where}: wider than the screen: {got['overflowing'][:3]}")
    if not got["tables"] or got["headless"]:
        problems.append(f"{where}: {got['tables']} tables, {got['headless']} without a header")
    if size == "phone" and got["unlabelled"]:
        problems.append(f"{where}: {got['unlabelled']} cells show no column name")
    if got["badLinks"]:
        problems.append(f"{where}: links that are not http(s): {got['badLinks'][:3]}")
    if got["active"]:
        problems.append(f"{where}: {got['active']} script, frame or event handler(s)")
    for words in ("Command", "careercli", "Made by careercli", "Data", "Sources"):
        if words not in got["text"]:
            problems.append(f"{where}: does not say {words!r}")
    page.emulate_media(media="print")
    printed = page.evaluate(
        "() => [getComputedStyle(document.querySelector('thead')).display,"
        " document.querySelectorAll('a').length]"
    )
    if printed[0] != "table-header-group":
        problems.append(f"{where}: printed tables do not repeat their header ({printed[0]})")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="*", type=Path)
    parser.add_argument("--shots", type=Path, help="save screenshots in this folder")
    args = parser.parse_args(argv)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise SystemExit("This check needs playwright: pip install playwright") from None
    tmp = Path(tempfile.mkdtemp(prefix="careercli-reports-"))
    try:
        paths = args.reports or make_reports(tmp)
        problems: list[str] = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
            page = browser.new_page(java_script_enabled=False)
            for path in paths:
                for size in SIZES:
                    problems += check(page, path, size)
                    if args.shots:
                        args.shots.mkdir(parents=True, exist_ok=True)
                        page.emulate_media(media="screen")
                        page.screenshot(
                            path=str(args.shots / f"{path.stem}-{size}.png"), full_page=True
                        )
            browser.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    checks = len(paths) * len(SIZES)
    for problem in problems:
        print(problem)
    print(f"{checks - len({p.split(':')[0] for p in problems})} of {checks} page views passed.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
