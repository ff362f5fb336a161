import sys

from maklumat.cli import main

sys.exit(main())
