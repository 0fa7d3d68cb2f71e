#!/usr/bin/env bash
# A dispute settled outside the alliance, on a date (issue 16, item 11), end
# to end on scenarios/north_macedonia_2008.toml: Greece's [[dispute]] with
# North Macedonia, and the Prespa agreement as an `attitude` event that sets
# it to 0 in June 2018 (step 122). Few replicates: properties, not means.
# - With a free veto (deciding afresh, no deliberation) under consensus the
#   dispute holds: no admission before the Prespa step in any replicate, and
#   admission in that very step (reviews are monthly; events come first).
# - Under majority the same members admit it long before Prespa: the hold is
#   Greece's veto, not the applicant's democracy or the others' votes.
# - With the event leaving the dispute as it was (no Prespa) the free veto
#   holds throughout the run.
# - As written (deliberation, side payments, the dispute's judged weight):
#   no admission before Prespa in any replicate; the event is logged and
#   echoed in run.json.
# - With a ratification stage (ratification_months = 20) the passed vote
#   in June 2018 is an invitation (logged once per replicate), and with no
#   holdout left (Greece's dispute settled) membership comes 20 months later.
set -euo pipefail
alliance=$1
scenario=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() { "$alliance" run "$scenario" --replicates 6 --tables summary,events --out "$work/$1" -q "${@:2}"; }
run written
run free_veto --set alliance.deliberation=false
run majority --set alliance.deliberation=false --set alliance.rule=majority
run no_prespa --set alliance.deliberation=false --set event.3.dispute=12
run ratified --set alliance.enlargement.ratification_months=20

/usr/bin/python3 - "$work" <<'PY'
import csv, json, sys
work = sys.argv[1]
PRESPA = 122  # June 2018, months after April 2008

def months(name):
    rows = list(csv.DictReader(open(f"{work}/{name}/summary.csv")))
    return [None if r["MKD_months_to_accession"] == "" else float(r["MKD_months_to_accession"]) for r in rows]

failures = 0
def check(ok, what):
    global failures
    print(f"{'ok' if ok else 'FAIL'} {what}")
    failures += not ok

free, majority, none, written = months("free_veto"), months("majority"), months("no_prespa"), months("written")
check(all(m == PRESPA for m in free), f"free veto under consensus: admitted at the Prespa step {PRESPA} in every replicate: {free}")
check(all(m is not None and m < PRESPA for m in majority), f"majority: admitted before Prespa: {majority}")
check(all(m is None for m in none), f"free veto, no Prespa in the run: never admitted: {none}")
check(all(m is not None and m >= PRESPA for m in written), f"as written: no admission before Prespa: {written}")

events = list(csv.DictReader(open(f"{work}/written/events.csv")))
settled = [e for e in events if e["kind"] == "attitude" and e["actor"] == "GRC"]
check(len(settled) == 6 and all(e["date"] == "2018-06" and e["detail"] == "aspirant=MKD;dispute=0" for e in settled),
      f"the settlement logged once per replicate in 2018-06: {[(e['date'], e['detail']) for e in settled[:1]]}")
ratified = months("ratified")
invited = [e for e in csv.DictReader(open(f"{work}/ratified/events.csv")) if e["kind"] == "invitation"]
check(len(invited) == 6 and all(e["actor"] == "MKD" and int(e["step"]) == PRESPA for e in invited),
      f"ratification stage: invited at the Prespa step, once per replicate: {[(e['step'], e['actor']) for e in invited[:1]]}")
check(all(m == PRESPA + 20 for m in ratified),
      f"ratification stage: every member ratifies at once, a member 20 months after the invitation: {ratified}")
run = json.load(open(f"{work}/written/run.json"))
ev = [e for e in run["parameters"]["event"] if e["kind"] == "attitude"]
check(ev == [{"step": PRESPA, "kind": "attitude", "state": "GRC", "aspirant": "MKD", "dispute": 0.0}] or
      (len(ev) == 1 and ev[0].get("aspirant") == "MKD" and ev[0].get("dispute") == 0 and ev[0]["step"] == PRESPA),
      f"run.json echoes the event: {ev}")
sys.exit(1 if failures else 0)
PY
echo "ok dispute settled outside the alliance"
