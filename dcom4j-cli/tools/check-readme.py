#!/usr/bin/env python3
"""Keeps the root README true: runs every `$ ...` line of its administrator's guide (```console
blocks, in order; ```sh blocks' `export X=Y` lines set the environment and reset directory Y, as the
`rm -rf "$X"` the guide puts after them does) and compares the output (stdout, then stderr),
ignoring machine SIDs and timestamps (`2026-11-21T23:55:05Z`, the log's and the exposure report's
`generated:`), which differ on every run. The launcher is built once first, so its
`dcom4j: building …` line never lands in the first command's output.

usage: dcom4j-cli/tools/check-readme.py REPO README [--write]
  REPO    a checkout to run ./dcom4j in (a copy, so the guide's stores do not disturb work)
  --write replace the README's outputs with the real ones (review the diff before committing)
Exit 0 when every output matches."""
import os, re, subprocess, sys
repo, readme = sys.argv[1], sys.argv[2]
write = "--write" in sys.argv
text = open(readme).read()
start = text.index("# Administrator's guide")
env = dict(os.environ)
env.pop("JAVA_HOME", None)
def norm(s):
    s = re.sub(r"S-1-5-21-\d+-\d+-\d+", "S-1-5-21-X", s)
    s = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", "TIME", s)
    return s
warm = subprocess.run(["./dcom4j", "version"], cwd=repo, env=env, capture_output=True, text=True)
if warm.returncode != 0:
    sys.exit("./dcom4j does not build or run in " + repo + ":\n" + warm.stdout + warm.stderr)
fails = 0; n = 0
out = [text[:start]]
pos = start
for m in re.finditer(r"```(\w*)\n(.*?)```", text[start:], re.S):
    lang, body = m.group(1), m.group(2)
    bstart, bend = start + m.start(2), start + m.end(2)
    out.append(text[pos:bstart]); pos = bend
    lines = body.split("\n")
    if lang == "sh":
        for l in lines:
            l = l.strip()
            if l.startswith("export "):
                k, v = l[7:].split("=", 1); env[k] = v
                subprocess.run(["rm", "-rf", v])
            elif l.startswith("./dcom4j"):
                subprocess.run(l, shell=True, cwd=repo, env=env, capture_output=True)
        out.append(body); continue
    if lang != "console":
        out.append(body); continue
    new = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            if lines[i]: new.append(lines[i])
            i += 1; continue
        cmd = lines[i][2:]; i += 1
        exp = []
        while i < len(lines) and not lines[i].startswith("$ "):
            exp.append(lines[i]); i += 1
        while exp and exp[-1] == "": exp.pop()
        p = subprocess.run(cmd, shell=True, cwd=repo, env=env, capture_output=True, text=True)
        both = (p.stdout + p.stderr).rstrip("\n")
        got = both.split("\n") if both.strip() else []
        n += 1
        new.append("$ " + cmd); new.extend(got)
        if norm("\n".join(got)) != norm("\n".join(exp)):
            fails += 1
            print("=== MISMATCH:", cmd, "exit", p.returncode)
            print("--- got"); print("\n".join(got)); print("--- expected"); print("\n".join(exp))
    out.append("\n".join(new) + "\n")
out.append(text[pos:])
if write:
    open(readme, "w").write("".join(out))
print(f"{n} commands, {fails} mismatches")
sys.exit(1 if fails else 0)
