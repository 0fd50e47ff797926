#!/usr/bin/env node
// Instructions per request of one or more builds on the benchmark's model, counted by valgrind: the before / after
// measure that this project's shared VM does not move (a build's events per second move by up to a factor of two
// here; its instruction count by well under 1 %). V8 runs single-threaded (--single-threaded: it optimises at the same
// points every run), and each build runs twice, `--base` and `--base` + `--requests` requests: the difference, over
// the requests added, leaves out start-up and the run's fixed costs (loading, the report's interval closes).
//
//   node scripts/bench-instructions.mjs <checkout>... [--nodes 100] [--policy random] [--requests 2000000] [--base 200000]
//   node scripts/bench-instructions.mjs <checkout>... --misses [--nodes 10000] ...
//   node scripts/bench-instructions.mjs <checkout> --calls [--nodes 100] [--requests 1000000]
//
// `--misses` simulates the data caches too (cachegrind: a 32 KB first level and a 512 KB, L2-sized last level) and
// adds the data misses of each level per request: at N = 10 000 the run waits on memory, and the second figure, the
// reads and writes that leave the L2, is the one to bring down (about 41 a request for clustersim, 2.7 for the
// reference loop, 3 x 10^5 requests after 3 x 10^5: the queues are still filling there, so use the same counts for a
// before and an after).
//
// `--calls` runs one build once under callgrind with V8's code map (--perf-basic-prof) and prints, per request, the
// instructions of each JavaScript function (after inlining: what the optimising compiler made of it) and the calls
// into V8's generic property-access builtins (LoadIC, KeyedLoadIC, StoreIC ...) from the optimised code: a hot path
// that reaches one of those pays a dictionary lookup or a megamorphic probe on every request (a dispatcher's view
// built as a dictionary cost 130 instructions a request that way). Those figures include start-up, so they are for
// reading, not for subtracting.
//
// Needs valgrind (Debian: apt-get install valgrind). Fewer instructions is not always less time (the run at
// N = 10 000 waits on memory), so a change is measured both ways: this, and scripts/bench-ab.mjs.
// Each checkout must be built (`npm run build`): the runs import its dist/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilerFlags } from './bench-build.mjs';

if (process.argv[1] === fileURLToPath(import.meta.url)) main();

/** V8's perf map: [start, size, name] sorted by start, and a lookup of the entry holding an address. */
function codeMap(text) {
  const entries = text
    .trim()
    .split('\n')
    .map((line) => line.match(/^([0-9a-f]+) ([0-9a-f]+) (.*)$/))
    .filter((m) => m !== null)
    .map((m) => [parseInt(m[1], 16), parseInt(m[2], 16), m[3]])
    .sort((a, b) => a[0] - b[0]);
  return (address) => {
    let lo = 0;
    let hi = entries.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (entries[mid][0] <= address) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && address < entries[found][0] + entries[found][1] ? entries[found][2] : null;
  };
}

/**
 * Callgrind's output with `--dump-instr=yes` (positions: instr line): each cost line starts with an address,
 * absolute (0x...) or relative to the previous one (+n, -n, *), then the line, then the costs (Ir first). A `calls=`
 * line gives a call's count and target address; the cost line after it is the call's inclusive cost, at the call
 * site's address. Returns the self instructions per code-map entry and the calls per "caller -> callee" entry pair.
 */
export function readCallgrind(text, lookup) {
  const self = new Map();
  const callsInto = new Map();
  let address = 0;
  let call = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('calls=')) {
      const [count, target] = line.slice(6).trim().split(/\s+/);
      call = { count: Number(count), target: target.startsWith('0x') ? parseInt(target, 16) : null };
      continue;
    }
    const first = line[0];
    if (first !== '0' && first !== '+' && first !== '-' && first !== '*') continue;
    const fields = line.trim().split(/\s+/);
    const position = fields[0];
    if (position.startsWith('0x')) address = parseInt(position, 16);
    else if (position[0] === '+' || position[0] === '-') {
      const step = position.slice(1);
      address += (position[0] === '+' ? 1 : -1) * parseInt(step, step.startsWith('0x') ? 16 : 10);
    }
    if (call !== null) {
      if (call.target !== null) {
        const key = `${lookup(address) ?? '?'} -> ${lookup(call.target) ?? '?'}`;
        callsInto.set(key, (callsInto.get(key) ?? 0) + call.count);
      }
      call = null;
      continue;
    }
    const name = lookup(address) ?? '(native)';
    self.set(name, (self.get(name) ?? 0) + Number(fields[2] ?? 0));
  }
  return { self, callsInto };
}

function main() {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : fallback;
  };
  const flags = new Set(['--calls', '--misses']);
  const checkouts = args.filter((arg, i) => !arg.startsWith('--') && !(args[i - 1]?.startsWith('--') && !flags.has(args[i - 1])));
  const calls = args.includes('--calls');
  const misses = args.includes('--misses');
  if (checkouts.length === 0 || (calls && checkouts.length !== 1)) {
    console.error(
      'usage: node scripts/bench-instructions.mjs <checkout>... [--misses] [--nodes N] [--policy P] [--requests R] [--base R0]\n' +
        '       node scripts/bench-instructions.mjs <checkout> --calls [--nodes N] [--policy P] [--requests R]',
    );
    process.exit(2);
  }
  if (spawnSync('valgrind', ['--version']).error) {
    console.error('valgrind is not installed (Debian: apt-get install valgrind)');
    process.exit(2);
  }
  const nodes = option('nodes', '100');
  const policy = option('policy', 'random');
  const requests = Number(option('requests', calls ? '1000000' : '2000000'));
  const base = Number(option('base', '200000'));

  // One run of a build on this checkout's benchmark model (scripts/bench-build.mjs, as bench-ab.mjs runs it).
  const build = new URL('./bench-build.mjs', import.meta.url).href;
  const runner = (checkout, count) => `
    const { loadBuild } = await import(${JSON.stringify(build)});
    (await loadBuild(${JSON.stringify(resolve(checkout))}, ${Number(nodes)}, ${JSON.stringify(policy)}, ${count}))();
  `;

  function valgrind(tool, toolArgs, checkout, count, nodeArgs = []) {
    const run = spawnSync(
      'valgrind',
      [
        `--tool=${tool}`,
        ...toolArgs,
        process.execPath,
        '--single-threaded',
        // V8 seeds its random generator (addresses of code and heap pages, among others) from the system unless told:
        // two runs of one build then differed by up to 80 M instructions, more than 20 000 requests cost.
        '--random-seed=1',
        ...compilerFlags(checkout),
        ...nodeArgs,
        '--input-type=module',
        '-e',
        runner(checkout, count),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    if (run.status !== 0) {
      console.error(`${checkout}: the run under valgrind failed (exit ${run.status})\n${run.stderr.slice(-2000)}`);
      process.exit(1);
    }
    return run.stderr;
  }

  /** The run's instructions, and with --misses its first- and last-level data misses: [Ir] or [Ir, D1, LLd]. */
  function counts(checkout, count) {
    const cache = misses ? ['--cache-sim=yes', '--D1=32768,8,64', '--LL=524288,8,64'] : ['--cache-sim=no'];
    const stderr = valgrind('cachegrind', [...cache, '--cachegrind-out-file=/dev/null'], checkout, count);
    const figures = [['instruction', /I\s+refs:\s+([\d,]+)/]];
    if (misses) figures.push(['first-level miss', /D1\s+misses:\s+([\d,]+)/], ['last-level data miss', /LLd misses:\s+([\d,]+)/]);
    return figures.map(([name, pattern]) => {
      const found = stderr.match(pattern);
      if (found === null) {
        console.error(`${checkout}: no ${name} count in valgrind's output`);
        process.exit(1);
      }
      return Number(found[1].replaceAll(',', ''));
    });
  }

  if (!calls) {
    const what = misses ? 'instructions, L1 and L2 data misses' : 'instructions';
    console.log(`N = ${nodes} ${policy}: ${what} per request over ${requests} requests (valgrind, after ${base})`);
    const perRequest = [];
    for (const checkout of checkouts) {
      const before = counts(checkout, base);
      const after = counts(checkout, base + requests);
      const figures = after.map((n, i) => (n - before[i]) / requests);
      perRequest.push(figures[0]);
      console.log(`${checkout}: ${figures.map((f, i) => (i === 0 ? Math.round(f) : f.toFixed(1))).join(' ')}`);
    }
    if (perRequest.length > 1) console.log(`instructions, last / first ${(perRequest.at(-1) / perRequest[0]).toFixed(3)}`);
  } else {
    attribute(checkouts[0]);
  }

  /** Callgrind's per-instruction costs, mapped onto V8's code map: instructions per JS function, generic IC calls. */
  function attribute(checkout) {
    const dir = mkdtempSync(join(tmpdir(), 'clustersim-calls-'));
    const out = join(dir, 'callgrind.out');
    try {
      valgrind('callgrind', ['--dump-instr=yes', `--callgrind-out-file=${out}`], checkout, requests, [
        '--perf-basic-prof',
        '--no-compact-code-space',
        // The code map also turns V8's log on: into the scratch folder, not the current one.
        `--logfile=${join(dir, 'v8.log')}`,
        '--no-logfile-per-isolate',
      ]);
      // V8 writes its map as /tmp/perf-<pid>.map: the newest one is this run's.
      const maps = readdirSync('/tmp')
        .filter((f) => /^perf-\d+\.map$/.test(f))
        .map((f) => join('/tmp', f));
      const mapFile = maps.sort((a, b) => Number(b.match(/(\d+)\.map$/)[1]) - Number(a.match(/(\d+)\.map$/)[1]))[0];
      const { self, callsInto } = readCallgrind(readFileSync(out, 'utf8'), codeMap(readFileSync(mapFile, 'utf8')));
      rmSync(mapFile);
      console.log(`N = ${nodes} ${policy}, ${requests} requests, start-up included: per request`);
      console.log('instructions by JavaScript function (optimised code; its inlined callees included)');
      for (const [name, count] of [...self].filter(([name]) => name.startsWith('JS:')).sort((a, b) => b[1] - a[1]).slice(0, 20)) {
        console.log(`${(count / requests).toFixed(1).padStart(9)}  ${name.replace(/^JS:/, '')}`);
      }
      const generic = /^Builtin:(Load|KeyedLoad|Store|KeyedStore|DefineKeyedOwn)IC(_Megamorphic)?$/;
      const hot = [...callsInto].filter(([key, count]) => generic.test(key.split(' -> ')[1]) && key.startsWith('JS:*') && count >= requests / 100);
      console.log('generic property-access calls from optimised code (at least one per 100 requests)');
      if (hot.length === 0) console.log('     none');
      for (const [key, count] of hot.sort((a, b) => b[1] - a[1])) console.log(`${(count / requests).toFixed(2).padStart(9)}  ${key.replace(/^JS:\*/, '')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
