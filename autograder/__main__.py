import sys

from autograder.cli.depends import main

sys.exit(main())
