"""Join decant's page_type/confidence (from a --save-output JSONL of `decant extract`)
with score.py's per-page F1 and the dataset's page_type labels."""
import json, sys, collections, os
run = json.load(open(sys.argv[1]))
out = {}
for line in open(sys.argv[2]):
    try: r = json.loads(line)
    except Exception: continue
    if 'source' in r: out[os.path.basename(r['source']).split('.')[0]] = r
conf_key = sys.argv[3] if len(sys.argv) > 3 else 'confidence'
rows = []
for pg in run['pages']:
    r = out.get(pg['id'], {})
    rows.append((pg['page_type'], r.get('page_type'), r.get(conf_key), pg['f1']))
n = len(rows)
def spearman(xs, ys):
    def ranks(v):
        order = sorted(range(len(v)), key=lambda i: v[i]); rk = [0.0]*len(v); i = 0
        while i < len(v):
            j = i
            while j + 1 < len(v) and v[order[j+1]] == v[order[i]]: j += 1
            for k in range(i, j+1): rk[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return rk
    a, b = ranks(xs), ranks(ys); ma, mb = sum(a)/len(a), sum(b)/len(b)
    cov = sum((x-ma)*(y-mb) for x, y in zip(a, b))
    va = sum((x-ma)**2 for x in a) ** .5; vb = sum((y-mb)**2 for y in b) ** .5
    return cov / (va * vb)
if rows[0][1] is not None or any(r[1] for r in rows):
    given = [r for r in rows if r[1]]
    correct = sum(1 for r in given if r[0] == r[1])
    print(f"page_type: given on {len(given)}/{n} pages ({len(given)/n:.1%}); accuracy when given {correct/len(given):.3f}; "
          f"correct over all pages {correct/n:.3f} (None counts as wrong)")
    types = sorted({r[0] for r in rows})
    conf = collections.Counter((r[0], r[1] or 'None') for r in rows)
    cols = types + ['None']
    print('truth \\ decant'.ljust(15) + ''.join(c[:8].rjust(9) for c in cols))
    for t in types:
        print(t.ljust(15) + ''.join(str(conf[(t, c)]).rjust(9) for c in cols))
cs = [(r[2], r[3]) for r in rows if isinstance(r[2], (int, float))]
lo = [f for c, f in cs if c < 0.5]; hi = [f for c, f in cs if c >= 0.5]
mean = lambda v: sum(v)/len(v) if v else float('nan')
print(f"{conf_key}: pages {len(cs)}; <0.5: {len(lo)} pages, mean F1 {mean(lo):.3f}; >=0.5: {len(hi)} pages, mean F1 {mean(hi):.3f}; "
      f"Spearman(conf, F1) {spearman([c for c, _ in cs], [f for _, f in cs]):.3f}")
