#!/usr/bin/env python3
"""Swedish man pages for avbrott and each subcommand, generated from the
command definitions themselves: the built binary's `--experimental-dump-help`
(swift-argument-parser's description of every command, option and text).

    scripts/make-manpages.py BINARY OUTDIR

writes OUTDIR/avbrott.1 and OUTDIR/avbrott-<command>.1 (and
avbrott-<command>-<sub>.1 for nested commands), roff for man(7).
"""
import json
import subprocess
import sys
from pathlib import Path


def roff(text: str) -> str:
    """Text safe for roff: backslashes doubled, a leading dot or quote escaped."""
    text = text.replace("\\", "\\e")
    lines = []
    for line in text.split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def option_label(arg: dict) -> str:
    names = []
    for name in arg.get("names", []):
        names.append(("-" if name["kind"] == "short" else "--") + name["name"])
    value = arg.get("valueName")
    if arg["kind"] == "positional":
        return f"<{value or 'värde'}>"
    label = ", ".join(sorted(names, key=len))
    if arg["kind"] == "option" and value:
        label += f" <{value}>"
    return label


def page(command: dict, path: list, version: str) -> str:
    name = "-".join(path)
    title = name.upper()
    args = [a for a in command.get("arguments", []) if a.get("shouldDisplay", True)]
    subs = [s for s in command.get("subcommands", []) if s.get("shouldDisplay", True) and s["commandName"] != "help"]
    out = [
        f'.TH {title} 1 "" "avbrott {version}" "Avbrott"',
        ".SH NAMN",
        f"{roff(name)} \\- {roff(command.get('abstract', ''))}",
        ".SH SYNOPSIS",
        ".B " + roff(" ".join(path)),
    ]
    if subs:
        out.append("<underkommando>")
    for a in args:
        label = option_label(a)
        out.append(f"[{roff(label)}]" if a.get("isOptional") else roff(label))
    if command.get("discussion"):
        out += [".SH BESKRIVNING", roff(command["discussion"])]
    if args:
        out.append(".SH FLAGGOR OCH ARGUMENT")
        for a in args:
            out += [".TP", ".B " + roff(option_label(a)), roff(a.get("abstract", ""))]
            if a.get("defaultValue"):
                out.append(f"(standard: {roff(a['defaultValue'])})")
    if subs:
        out.append(".SH UNDERKOMMANDON")
        for s in subs:
            out += [".TP", ".B " + roff(s["commandName"]), roff(s.get("abstract", ""))]
    see = ["avbrott"] if len(path) > 1 else [f"avbrott-{s['commandName']}" for s in subs]
    out += [".SH SE ÄVEN", ", ".join(f"{s}(1)" for s in see)]
    return "\n".join(out) + "\n"


def walk(command: dict, path: list, version: str, outdir: Path, written: list):
    name = "-".join(path)
    (outdir / f"{name}.1").write_text(page(command, path, version), encoding="utf-8")
    written.append(f"{name}.1")
    for sub in command.get("subcommands", []):
        if sub["commandName"] == "help" or not sub.get("shouldDisplay", True):
            continue
        walk(sub, path + [sub["commandName"]], version, outdir, written)


def main():
    binary, outdir = sys.argv[1], Path(sys.argv[2])
    outdir.mkdir(parents=True, exist_ok=True)
    info = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True).stdout)
    version = subprocess.run([binary, "--version"], check=True, capture_output=True, text=True).stdout.split()[1]
    written = []
    walk(info["command"], ["avbrott"], version, outdir, written)
    print(f"{len(written)} manualsidor i {outdir}")


if __name__ == "__main__":
    main()
