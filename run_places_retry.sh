#!/bin/bash
source /work/venv/bin/activate; cd /tmp/h_r18
for task in gdelt:old gdelt:new gen:old gen:new aud:old aud:new; do set=${task%%:*}; ver=${task##*:}
  grep -q "^$set $ver done" places.log && [ -s ${set}_${ver}.places.jsonl ] && continue
  echo "== retry $set $ver $(date +%T)"; PYTHONPATH=/tmp/h_r18/$ver/src flock /tmp/torch.lock python article_places.py $set $ver 2>&1 | grep -v Warn | tail -2
done
