"""``python -m gepnet_widgets.classroom report DIR``: the class report from a hand-in folder.

Prints a text summary; ``--html FILE`` writes the self-contained HTML page (with charts),
``--csv FILE`` the counts per question and option; ``--class-list FILE`` names everyone
expected (one user name per line) so the report lists who has not started; ``--anonymised``
leaves every name out (for projection). Exit status: 0, or 2 if the folder cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import build_report, parse_class_list, read_handins, report_csv, report_html, report_text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m gepnet_widgets.classroom",
                                     description="The class report from learners' hand-ins.")
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser("report", help="count the hand-ins in a folder")
    report.add_argument("folder", type=Path, help="the hand-in folder (drop box)")
    report.add_argument("--class-list", type=Path, help="user names, one per line")
    report.add_argument("--html", type=Path, help="write the HTML report here")
    report.add_argument("--csv", type=Path, help="write the CSV counts here")
    report.add_argument("--anonymised", action="store_true", help="no names (for projection)")
    report.add_argument("--any-owner", action="store_true",
                        help="accept files whatever account made them (hubs where every "
                             "learner runs as the same system user)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        subs, refused = read_handins(args.folder, check_owner=not args.any_owner)
        names = None
        if args.class_list is not None:
            names = parse_class_list(args.class_list.read_text(encoding="utf-8")[:1_000_000])
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = build_report(subs, refused=refused, class_list=names)
    print(report_text(report, anonymised=args.anonymised))
    if args.csv is not None:
        args.csv.write_text(report_csv(report), encoding="utf-8")
        print(f"CSV written to {args.csv}")
    if args.html is not None:
        from ..drawing.classroom import chart_png  # matplotlib only when charts are wanted

        charts = {lesson: chart_png(report.lesson_rows(lesson)) for lesson in report.lessons()
                  if any(r.answered for r in report.lesson_rows(lesson))}
        args.html.write_text(report_html(report, charts, anonymised=args.anonymised),
                             encoding="utf-8")
        print(f"HTML report written to {args.html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
