"""install_testdc_man: man/tgsession-testdc.1 documents every option `tgsession-testdc --help`
lists, so a new option without its man page entry fails here (tests/cli does the same for
tgsession's man page and completions)."""
import re
import sys

import install_support as s


def main():
    testdc, page = sys.argv[1], sys.argv[2]
    help_text = s.run([testdc, "--help"]).stdout
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", help_text)) - {"--help"}
    assert options, help_text
    with open(page) as f:
        man = f.read().replace("\\-", "-")  # roff writes a literal dash as "\-"
    missing = sorted(o for o in options if o not in man)
    assert not missing, "man/tgsession-testdc.1 lacks %s" % missing
    print("tgsession-testdc(1) covers %s" % " ".join(sorted(options)))


if __name__ == "__main__":
    sys.exit(main())
