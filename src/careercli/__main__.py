import sys

from careercli.cli import main

sys.exit(main())
