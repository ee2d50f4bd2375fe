"""The peer InsightEngine is measured against: what a user writes instead of installing us.

Reads a PagerDuty incidents CSV and an Opsgenie alerts CSV with pandas, then prints MTTR by priority
(median, p90, mean, count) and the noisiest alert rules (alerts, share closed without acknowledgement,
share created out of hours). Run by `InsightEngine.Benchmarks --path` on the same files in the same run,
with Debian's python3-pandas:  python3 pandas_path.py incidents.csv alerts.csv
"""
import sys
import time

import pandas as pd

started = time.perf_counter()
incidents_csv, alerts_csv = sys.argv[1], sys.argv[2]

# MTTR by priority: resolved_at - created_at, over resolved incidents (timestamps carry their offsets).
incidents = pd.read_csv(incidents_csv)
created = pd.to_datetime(incidents["created_at"], utc=True)
resolved = pd.to_datetime(incidents["resolved_at"], utc=True)
ttr = (resolved - created).dt.total_seconds()
mttr = (
    pd.DataFrame({"priority": incidents["priority_name"].fillna("none"), "ttr_s": ttr})
    .dropna(subset=["ttr_s"])
    .groupby("priority")["ttr_s"]
    .agg(median="median", p90=lambda s: s.quantile(0.9), mean="mean", n="count")
)
print("MTTR by priority (seconds)")
print(mttr.round(0).to_string())

# Noisy rules: the rule is the `rule:` tag (else the alias), noise = closed without an acknowledgement.
alerts = pd.read_csv(alerts_csv)
rule = alerts["Tags"].str.extract(r"(?:^|,)rule:([^,]+)", expand=False).fillna(alerts["Alias"])
created_at = pd.to_datetime(alerts["CreatedAt"], utc=True)
out_of_hours = (created_at.dt.hour < 8) | (created_at.dt.hour >= 18) | (created_at.dt.dayofweek >= 5)
acked = alerts["Acknowledged"].astype(str).str.lower().eq("true")
noisy = (
    pd.DataFrame({"rule": rule, "unacked": ~acked, "out_of_hours": out_of_hours})
    .groupby("rule")
    .agg(alerts=("unacked", "size"), noise=("unacked", "mean"), out_of_hours=("out_of_hours", "mean"))
    .sort_values(["alerts", "noise"], ascending=False)
    .head(20)
)
print()
print("Noisiest alert rules")
print(noisy.round(3).to_string())
print()
print(f"pandas {pd.__version__}: {len(incidents):,} incidents, {len(alerts):,} alerts in {time.perf_counter() - started:.2f} s")
