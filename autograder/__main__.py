import sys

from autograder.depends import main

sys.exit(main())
