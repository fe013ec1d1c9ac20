#!/usr/bin/env python3
"""repro vs Kamailio: SIPp scenarios against both servers, in turn, in one run.

Run it through bench/run, which installs SIPp and Kamailio and builds repro.
Everything happens on 127.0.0.1; every SIPp run is bounded by -m (calls),
-recv_timeout and -timeout; only processes this script started are signalled,
by PID. Standard library only.

For each scenario and transport, against each server (fresh server process):
  1. CPU phase: a fixed moderate rate (1,000/s) for a fixed count; the
     server's CPU time (utime+stime of all its processes, /proc/PID/stat)
     divided by the completed calls or registrations.
  2. Step phase: the rate goes up geometrically; a step passes when every
     call succeeded, p99 response time < 50 ms and SIPp kept the pace. The
     highest passing step is the sustained rate; its p50/p99 are reported.
  3. Peak memory of the server over its life (repro: VmHWM; Kamailio, which
     is several processes sharing memory: the peak of the summed PSS).
Then the memory scale: 1,000,000 registrations of distinct addresses-of-record
and the RSS growth per binding.
"""
import argparse
import atexit
import datetime
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCEN = os.path.join(HERE, "scenarios")
DOMAIN = "example.test"
P99_LIMIT_MS = 50.0
UAS_HOST = "127.0.0.2"
CPU_RATE = 1000

SCENARIOS = {
    # name: (server needs auth, UAC scenario, unit, what rtd 1 measures)
    "reg": dict(auth=False, xml="reg.xml", unit="reg", title="REGISTER (no auth)",
                rtt="REGISTER -> 200", start=4000),
    "reg_auth": dict(auth=True, xml="reg_auth.xml", unit="reg", title="REGISTER (digest auth)",
                     rtt="REGISTER -> 401, REGISTER -> 200", start=2000),
    "call": dict(auth=False, xml="uac.xml", unit="call", title="call (INVITE/ACK/BYE via proxy)",
                 rtt="INVITE -> 200", start=1000),
}
TRANSPORTS = ["udp", "tcp"]
SERVERS = ["repro", "kamailio"]

STARTED = []  # every Popen this script started; cleaned up by PID at exit


def log(msg):
    sys.stderr.write("[%s] %s\n" % (time.strftime("%H:%M:%S"), msg))
    sys.stderr.flush()


# ---------------------------------------------------------------- processes

def start(cmd, out_path, cwd=None, env=None):
    f = open(out_path, "ab")
    p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                         cwd=cwd, env=env, start_new_session=True)
    f.close()
    STARTED.append(p)
    return p


def stop(p, grace=5.0, extra_pids=()):
    """SIGTERM the process we started (by PID), then SIGKILL if it lingers.
    extra_pids: (pid, start time) of its children seen while it ran
    (Kamailio's workers); one still running after the grace period is killed,
    after checking by its start time that the PID was not reused."""
    if p is None:
        return
    if p.poll() is None:
        try:
            os.kill(p.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            p.wait(grace)
        except subprocess.TimeoutExpired:
            try:
                os.kill(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait(5)
    deadline = time.time() + grace
    for pid, started in extra_pids:
        while time.time() < deadline and same_process(pid, started):
            time.sleep(0.05)
        if same_process(pid, started):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    if p in STARTED:
        STARTED.remove(p)


def same_process(pid, started):
    st = read_stat(pid)
    return st is not None and st["state"] != "Z" and st["start"] == started


@atexit.register
def _cleanup():
    for p in list(STARTED):
        try:
            stop(p, grace=2.0)
        except Exception:
            pass


def read_stat(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            s = f.read()
    except OSError:
        return None
    rp = s.rindex(")")
    fields = s[rp + 2:].split()
    # fields[0] = state (3rd field); utime = 14th, stime = 15th field overall
    return dict(state=fields[0], ppid=int(fields[1]), utime=int(fields[11]), stime=int(fields[12]),
                start=int(fields[19]))


CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def process_tree(root_pid):
    """root_pid and all its descendants (by /proc scan)."""
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        st = read_stat(int(name))
        if st:
            children.setdefault(st["ppid"], []).append(int(name))
    out, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        st = read_stat(pid)
        if st:
            total += st["utime"] + st["stime"]
    return total / CLK_TCK


def status_kb(pid, key):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def pss_kb(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Server:
    """One server process (repro or Kamailio) with CPU and memory accounting."""

    def __init__(self, kind, proc, port, log_path):
        self.kind, self.proc, self.port, self.log_path = kind, proc, port, log_path
        self.pids = [proc.pid]
        self.peak_pss_kb = 0
        self.peak_rss_sum_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def refresh_pids(self):
        if self.proc.poll() is None:
            self.pids = process_tree(self.proc.pid)
        return self.pids

    def _sample(self):
        n = 0
        while not self._stop.is_set():
            if n % 10 == 0:
                self.refresh_pids()
            self.memory_now()
            n += 1
            self._stop.wait(0.5)

    def memory_now(self):
        """(sum of PSS, sum of RSS) in kB; updates the peaks."""
        pss = sum(pss_kb(p) for p in self.pids)
        rss = sum(status_kb(p, "VmRSS") for p in self.pids)
        self.peak_pss_kb = max(self.peak_pss_kb, pss)
        self.peak_rss_sum_kb = max(self.peak_rss_sum_kb, rss)
        return pss, rss

    def cpu(self):
        return cpu_seconds(self.refresh_pids())

    def peak_memory_kb(self):
        """repro: VmHWM (one process). Kamailio: peak summed PSS (its workers
        share one memory pool, so summing RSS or VmHWM would count it N times)."""
        if self.kind == "repro":
            return max(status_kb(self.proc.pid, "VmHWM"), 0)
        return self.peak_pss_kb

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        self._stop.set()
        self._thread.join(2)
        children = []
        for pid in self.refresh_pids():
            st = read_stat(pid)
            if pid != self.proc.pid and st:
                children.append((pid, st["start"]))
        stop(self.proc, grace=5.0, extra_pids=children)


def free_port(host="127.0.0.1"):
    """A port that is free for both UDP and TCP on host."""
    for _ in range(200):
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.bind((host, 0))
        port = u.getsockname()[1]
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            t.bind((host, port))
        except OSError:
            u.close()
            t.close()
            continue
        u.close()
        t.close()
        if port not in free_port.used:
            free_port.used.add(port)
            return port
    raise RuntimeError("no free port")


free_port.used = set()


def probe(port, timeout):
    """Waits until something answers a SIP OPTIONS on UDP and accepts TCP."""
    deadline = time.time() + timeout
    msg = ("OPTIONS sip:%s SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:%%d;branch=z9hG4bK-probe%%d;rport\r\n"
           "Max-Forwards: 70\r\nFrom: <sip:probe@%s>;tag=probe\r\nTo: <sip:%s>\r\n"
           "Call-ID: probe-%%d@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n") % (
               DOMAIN, DOMAIN, DOMAIN)
    n = 0
    udp_ok = False
    while time.time() < deadline:
        n += 1
        if not udp_ok:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("127.0.0.1", 0))
            s.settimeout(0.3)
            try:
                s.sendto((msg % (s.getsockname()[1], n, n)).encode(), ("127.0.0.1", port))
                s.recvfrom(65535)
                udp_ok = True
            except OSError:
                pass
            finally:
                s.close()
        if udp_ok:
            try:
                c = socket.create_connection(("127.0.0.1", port), timeout=0.5)
                c.close()
                return True
            except OSError:
                pass
        time.sleep(0.1)
    return False


# ---------------------------------------------------------------- servers

class Env:
    pass


def start_kamailio(env, auth, tag, shm_mb=None):
    port = free_port()
    d = os.path.join(env.out, "kamailio", tag)
    os.makedirs(os.path.join(d, "run"), exist_ok=True)
    cmd = [env.kamailio, "-f", os.path.join(HERE, "kamailio", "kamailio.cfg"), "-DD", "-E",
           "-P", os.path.join(d, "kamailio.pid"), "-Y", os.path.join(d, "run"), "-w", d,
           "-l", "udp:127.0.0.1:%d" % port, "-l", "tcp:127.0.0.1:%d" % port,
           "-n", str(env.args.kamailio_children), "-A", "TCP_CHILDREN=%d" % env.args.kamailio_children,
           "-m", str(shm_mb or env.args.kamailio_shm), "-M", "16",
           "-A", 'DBURL="text://%s"' % os.path.join(env.data, "kamailio-db")]
    if auth:
        cmd += ["-A", "WITH_AUTH"]
    log_path = os.path.join(d, "kamailio.log")
    p = start(cmd, log_path, cwd=d)
    srv = Server("kamailio", p, port, log_path)
    if not probe(port, 15) or not srv.alive():
        srv.stop()
        raise RuntimeError("kamailio did not start; see %s" % log_path)
    return srv


def start_repro(env, auth, tag):
    port = free_port()
    d = os.path.join(env.out, "repro", tag)
    os.makedirs(d, exist_ok=True)
    cmd = [env.repro, "serve", "--data-dir", env.repro_data, "--bind", "127.0.0.1",
           "--udp-port", str(port), "--tcp-port", str(port), "--domain", DOMAIN]
    cmd += env.repro_extra
    if not auth:
        cmd.append("--disable-auth")
    log_path = os.path.join(d, "repro.log")
    p = start(cmd, log_path, cwd=d)
    srv = Server("repro", p, port, log_path)
    if not probe(port, 30) or not srv.alive():
        srv.stop()
        raise RuntimeError("repro serve did not start; see %s" % log_path)
    return srv


def start_server(env, kind, auth, tag, **kw):
    if kind == "kamailio":
        return start_kamailio(env, auth, tag, **kw)
    return start_repro(env, auth, tag)


# ---------------------------------------------------------------- SIPp

def percentile(sorted_values, q):
    """Nearest-rank percentile (SIPp's samples are whole milliseconds)."""
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, int(math.ceil(q * len(sorted_values))) - 1))
    return sorted_values[k]


def parse_stat(path):
    try:
        with open(path) as f:
            lines = [l.rstrip("\n") for l in f if l.strip()]
    except OSError:
        return {}
    if len(lines) < 2:
        return {}
    head = lines[0].split(";")
    last = lines[-1].split(";")
    return dict(zip(head, last))


def parse_rtt(run_dir, rtd=1):
    values = []
    for name in os.listdir(run_dir):
        if name.endswith("_rtt.csv"):
            with open(os.path.join(run_dir, name)) as f:
                next(f, None)
                for line in f:
                    parts = line.strip().split(";")
                    if len(parts) >= 3 and parts[2] == str(rtd):
                        try:
                            values.append(float(parts[1]))
                        except ValueError:
                            pass
    values.sort()
    return values


def sipp(env, server, transport, xml, calls, rate, run_dir, keys=None, inf=None, local_port=None,
         limit=None, recv_timeout=5, rtt=True):
    """One bounded SIPp client run. Returns a result dict."""
    os.makedirs(run_dir, exist_ok=True)
    port = local_port or free_port()
    dur = calls / float(rate)
    hard = int(dur * 2 + recv_timeout * 3 + 10)
    cmd = [env.sipp, "127.0.0.1:%d" % server.port, "-sf", os.path.join(SCEN, xml),
           "-t", "u1" if transport == "udp" else "t1", "-i", "127.0.0.1", "-p", str(port),
           "-cp", str(free_port()), "-m", str(calls), "-r", str(rate), "-rp", "1000",
           "-l", str(limit or min(15000, max(1000, int(rate) // 2))),
           "-recv_timeout", "%ds" % recv_timeout, "-timeout", "%ds" % hard, "-timeout_error",
           "-nostdin", "-buff_size", "4194304", "-max_recv_loops", "5000", "-max_sched_loops", "5000",
           "-trace_stat", "-stf", os.path.join(run_dir, "stat.csv"), "-fd", "1",
           "-trace_err", "-error_file", os.path.join(run_dir, "errors.log"), "-max_log_size", "2000000",
           "-key", "domain", DOMAIN]
    if rtt:
        cmd += ["-trace_rtt", "-rtt_freq", "1000"]
    for k, v in (keys or {}).items():
        cmd += ["-key", k, str(v)]
    if inf:
        cmd += ["-inf", inf]
    t0 = time.time()
    p = start(cmd, os.path.join(run_dir, "sipp.out"), cwd=run_dir, env=env.sipp_env)
    try:
        _, status, ru = os.wait4(p.pid, 0)
        rc = os.waitstatus_to_exitcode(status)
        p.returncode = rc
    except ChildProcessError:
        rc = p.wait()
        ru = None
    wall = time.time() - t0
    STARTED.remove(p)
    st = parse_stat(os.path.join(run_dir, "stat.csv"))
    ok_calls = int(st.get("SuccessfulCall(C)", 0) or 0)
    failed = int(st.get("FailedCall(C)", 0) or 0)
    rtts = parse_rtt(run_dir)
    sipp_cpu = (ru.ru_utime + ru.ru_stime) if ru else None
    return dict(rate=rate, calls=calls, rc=rc, ok=ok_calls, failed=failed, wall=wall,
                retrans=int(st.get("Retransmissions(C)", 0) or 0),
                p50=percentile(rtts, 0.50), p99=percentile(rtts, 0.99), samples=len(rtts),
                sipp_cpu=sipp_cpu, sipp_load=(sipp_cpu / wall) if sipp_cpu and wall else None,
                dir=run_dir)


def start_uas(env, server, transport, run_dir):
    """The called UAS, on its own loopback address (UAS_HOST) as a phone on
    another machine would be. It registers all users with its own address
    (uas_register.xml, over its own socket or connection, as a phone does),
    then stays up and answers INVITEs with the out-of-call scenario uas.xml."""
    os.makedirs(run_dir, exist_ok=True)
    port = free_port(UAS_HOST)
    n = env.users
    cmd = [env.sipp, "127.0.0.1:%d" % server.port, "-sf", os.path.join(SCEN, "uas_register.xml"),
           "-oocsf", os.path.join(SCEN, "uas.xml"), "-inf", env.users_csv, "-key", "domain", DOMAIN,
           "-t", "u1" if transport == "udp" else "t1", "-i", UAS_HOST, "-p", str(port),
           "-cp", str(free_port()), "-m", str(n), "-r", "5000", "-l", str(n + 1000), "-nostdin",
           "-buff_size", "4194304", "-max_recv_loops", "5000", "-max_sched_loops", "5000",
           "-recv_timeout", "10s", "-timeout", "%ds" % (env.args.budget + 300), "-timeout_error",
           "-deadcall_wait", "5000", "-trace_rtt", "-rtt_freq", "100",
           "-trace_stat", "-stf", os.path.join(run_dir, "stat.csv"), "-fd", "1"]
    p = start(cmd, os.path.join(run_dir, "uas.out"), cwd=run_dir, env=env.sipp_env)
    # Registered when every REGISTER's 200 has a response-time sample.
    deadline = time.time() + n / 5000.0 + 20
    done = 0
    while time.time() < deadline and p.poll() is None:
        time.sleep(0.5)
        done = len(parse_rtt(run_dir))
        failed = int(parse_stat(os.path.join(run_dir, "stat.csv")).get("FailedCall(C)", 0) or 0)
        if done >= n or failed:
            break
    if p.poll() is not None or done < n:
        stop(p)
        raise RuntimeError("the UAS registered %d of %d users; see %s" % (done, n, run_dir))
    return p


# ---------------------------------------------------------------- measurement

def judge(res, rate):
    """Pass/fail of one step, and why."""
    expected = res["calls"] / float(rate)
    if res["failed"] or res["ok"] < res["calls"]:
        return False, "%d failed" % (res["calls"] - res["ok"])
    if res["p99"] is None:
        return False, "no samples"
    if res["p99"] >= P99_LIMIT_MS:
        return False, "p99 %.0f ms" % res["p99"]
    if res["wall"] > expected * 1.15 + 1.0:
        return False, "behind pace (%.1fs for %.1fs)" % (res["wall"], expected)
    return True, "ok"


def measure_combo(env, scen_name, transport, kind):
    sc = SCENARIOS[scen_name]
    args = env.args
    tag = "%s-%s" % (scen_name, transport)
    base = os.path.join(env.out, "runs", kind, tag)
    result = dict(scenario=scen_name, transport=transport, server=kind, steps=[])
    srv = start_server(env, kind, sc["auth"], tag)
    uas = None
    try:
        keys = {}
        uac_port = free_port()
        if sc["unit"] == "call":
            uas = start_uas(env, srv, transport, os.path.join(base, "uas"))
        else:
            keys = {"chost": "127.0.0.1", "cport": uac_port}
        # warm-up, then the CPU phase at the fixed moderate rate
        sipp(env, srv, transport, sc["xml"], CPU_RATE // 2, CPU_RATE, os.path.join(base, "warmup"),
             keys=keys, inf=env.users_csv, local_port=uac_port)
        n = CPU_RATE * args.cpu_seconds
        c0 = srv.cpu()
        r = sipp(env, srv, transport, sc["xml"], n, CPU_RATE, os.path.join(base, "cpu"),
                 keys=keys, inf=env.users_csv, local_port=uac_port)
        c1 = srv.cpu()
        ok, why = judge(r, CPU_RATE)
        result["cpu"] = dict(r, cpu_s=c1 - c0, cpu_ms_per_op=((c1 - c0) * 1000.0 / r["ok"]) if r["ok"] else None,
                             passed=ok, why=why)
        log("  %-8s %-8s %-3s cpu phase: %s/s x %d: %s, %.3f ms CPU/%s, p50 %s p99 %s" % (
            kind, scen_name, transport, CPU_RATE, n, why,
            result["cpu"]["cpu_ms_per_op"] or float("nan"), sc["unit"], fmt_ms(r["p50"]), fmt_ms(r["p99"])))

        # step phase
        rate = sc["start"]
        best, failed_rate, i = None, None, 0
        while i < args.max_steps and rate <= args.max_rate and time.time() < env.deadline:
            i += 1
            n = int(rate * args.step_seconds)
            r = sipp(env, srv, transport, sc["xml"], n, rate, os.path.join(base, "step%02d-%d" % (i, rate)),
                     keys=keys, inf=env.users_csv, local_port=uac_port)
            ok, why = judge(r, rate)
            if not ok and args.retry and srv.alive() and time.time() < env.deadline:
                log("  %-8s %-8s %-3s %6d/s: %s; retrying once" % (kind, scen_name, transport, rate, why))
                r = sipp(env, srv, transport, sc["xml"], n, rate,
                         os.path.join(base, "step%02d-%d-retry" % (i, rate)),
                         keys=keys, inf=env.users_csv, local_port=uac_port)
                ok, why = judge(r, rate)
            r.update(passed=ok, why=why)
            result["steps"].append(r)
            log("  %-8s %-8s %-3s %6d/s: %-28s p50 %s p99 %s sipp %s" % (
                kind, scen_name, transport, rate, why, fmt_ms(r["p50"]), fmt_ms(r["p99"]),
                ("%.0f%% CPU" % (100 * r["sipp_load"])) if r["sipp_load"] else "?"))
            if not srv.alive():
                result["error"] = "server exited during the run"
                break
            if ok:
                best = r
                rate = int(round(rate * args.factor / 100.0) * 100)
            else:
                failed_rate = rate
                break
        # The first step failed: step down (half, then a quarter) to find a rate that holds.
        down = sc["start"]
        while best is None and failed_rate and down > sc["start"] // 4 and time.time() < env.deadline \
                and srv.alive():
            down //= 2
            n = int(down * args.step_seconds)
            r = sipp(env, srv, transport, sc["xml"], n, down, os.path.join(base, "down-%d" % down),
                     keys=keys, inf=env.users_csv, local_port=uac_port)
            ok, why = judge(r, down)
            r.update(passed=ok, why=why)
            result["steps"].append(r)
            log("  %-8s %-8s %-3s %6d/s: %-28s p50 %s p99 %s" % (
                kind, scen_name, transport, down, why, fmt_ms(r["p50"]), fmt_ms(r["p99"])))
            if ok:
                best = r
            else:
                failed_rate = down
        # one refinement between the last pass and the first failure
        if best and failed_rate and args.refine and time.time() < env.deadline:
            mid = int(round((best["rate"] + failed_rate) / 2.0 / 100.0) * 100)
            if mid > best["rate"] * 1.05 and mid < failed_rate:
                n = int(mid * args.step_seconds)
                r = sipp(env, srv, transport, sc["xml"], n, mid, os.path.join(base, "refine-%d" % mid),
                         keys=keys, inf=env.users_csv, local_port=uac_port)
                ok, why = judge(r, mid)
                r.update(passed=ok, why=why)
                result["steps"].append(r)
                log("  %-8s %-8s %-3s %6d/s: %-28s p50 %s p99 %s" % (
                    kind, scen_name, transport, mid, why, fmt_ms(r["p50"]), fmt_ms(r["p99"])))
                if ok:
                    best = r
        result["best"] = best
        result["cut_by_budget"] = bool(best and failed_rate is None and rate <= args.max_rate
                                       and i < args.max_steps)
        # Limited by the load generator rather than the server: the step that
        # stopped the climb had no failures and SIPp's own CPU was saturated.
        last = result["steps"][-1] if result["steps"] else None
        result["generator_bound"] = bool(
            best and ((failed_rate is None and not result["cut_by_budget"]) or
                      (last and not last["passed"] and last["ok"] == last["calls"]
                       and (last["sipp_load"] or 0) > 0.9)))
    except Exception as e:  # noqa: BLE001 - reported in the table, the run goes on
        result["error"] = str(e)
        log("  %s %s %s: ERROR %s" % (kind, scen_name, transport, e))
    finally:
        if uas:
            stop(uas)
        result["peak_mem_kb"] = srv.peak_memory_kb()
        result["server_alive_at_end"] = srv.alive()
        srv.stop()
    return result


def memscale(env, kind):
    """Registers args.memscale distinct AORs (one binding each) into a fresh
    server in chunks of 100,000 (AORs m<chunk>-<n>); a chunk with failures is
    sent again at half the rate (a REGISTER of a bound AOR only refreshes it),
    so the count is of AORs that got a 200. Bounded by a time cap."""
    args = env.args
    n = args.memscale
    rate = args.memscale_rate
    base = os.path.join(env.out, "runs", kind, "memscale")
    res = dict(server=kind, target=n)
    srv = start_server(env, kind, False, "memscale", **({"shm_mb": 4096} if kind == "kamailio" else {}))
    try:
        time.sleep(1.0)
        pss0, rss0 = srv.memory_now()
        t0 = time.time()
        cap = t0 + 2.0 * n / rate + 60
        chunk = min(n, 100000)
        registered, passes, chunks = 0, 0, int(math.ceil(n / float(chunk)))
        for c in range(chunks):
            size = min(chunk, n - c * chunk)
            best = 0
            for attempt, r_rate in enumerate((rate, max(1000, rate // 2))):
                if attempt and time.time() > cap:
                    break
                passes += 1
                r = sipp(env, srv, "udp", "reg_mem.xml", size, r_rate,
                         os.path.join(base, "chunk%02d-%d" % (c, attempt)),
                         keys={"chost": "127.0.0.1", "cport": free_port(), "prefix": "m%02d-" % c},
                         limit=min(15000, r_rate), recv_timeout=10, rtt=False)
                best = max(best, r["ok"])
                if r["failed"] == 0 and r["ok"] == size:
                    best = size
                    break
            registered += best
            if time.time() > cap and c < chunks - 1:
                res["cut"] = "time cap after %d of %d chunks" % (c + 1, chunks)
                break
        wall = time.time() - t0
        # Measure once the last REGISTER transactions are over (Timer J = 64*T1 = 32 s over
        # UDP), so the figure is the bindings' and not the transactions' memory.
        time.sleep(args.memscale_settle)
        pss1, rss1 = srv.memory_now()
        res.update(bindings=registered, passes=passes, wall=wall, pss0_kb=pss0, pss1_kb=pss1,
                   rss0_kb=rss0, rss1_kb=rss1,
                   per_binding_rss=((rss1 - rss0) * 1024.0 / registered) if registered else None,
                   per_binding_pss=((pss1 - pss0) * 1024.0 / registered) if registered else None,
                   hwm_kb=status_kb(srv.proc.pid, "VmHWM"))
        log("  %-8s memscale: %d bindings in %.0fs (%d SIPp runs), RSS %d -> %d MB (%.0f B/binding), "
            "PSS %d -> %d MB (%.0f B/binding)" % (
                kind, registered, wall, passes, rss0 // 1024, rss1 // 1024, res["per_binding_rss"] or 0,
                pss0 // 1024, pss1 // 1024, res["per_binding_pss"] or 0))
    except Exception as e:  # noqa: BLE001
        res["error"] = str(e)
        log("  %s memscale: ERROR %s" % (kind, e))
    finally:
        srv.stop()
    return res


# ---------------------------------------------------------------- report

def fmt_ms(v):
    if v is None:
        return "-"
    if v < 1:
        return "%.2f" % v
    if v < 10:
        return "%.1f" % v
    return "%.0f" % v


def fmt_rate(r):
    if not r or r.get("error") or not r.get("best"):
        if not r or r.get("error"):
            return "n/a"
        tried = [st["rate"] for st in r.get("steps", [])] or [SCENARIOS[r["scenario"]]["start"]]
        return "< {:,}".format(min(tried))
    return ("≥ " if r.get("generator_bound") else "") + "{:,}".format(r["best"]["rate"])


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "-"
    return "%.2f" % (a / b)


def metrics(r):
    if not r or r.get("error"):
        return dict(rate=None, p50=None, p99=None, cpu=None, mem=None, cp50=None, cp99=None)
    best = r.get("best") or {}
    cpu = r.get("cpu") or {}
    return dict(rate=best.get("rate"), p50=best.get("p50"), p99=best.get("p99"),
                cpu=cpu.get("cpu_ms_per_op"), cp50=cpu.get("p50"), cp99=cpu.get("p99"),
                mem=(r.get("peak_mem_kb") or 0) / 1024.0 or None)


def table(results, mem_results, servers):
    rows = ["| scenario | transport | metric | repro | Kamailio | repro / Kamailio |",
            "|---|---|---|--:|--:|--:|"]
    combos = []
    for r in results:
        key = (r["scenario"], r["transport"])
        if key not in combos:
            combos.append(key)

    def cell(r, text):
        if r is None:
            return "not run"
        if r.get("error"):
            return "error"
        return text

    def pair(a, b):
        return "-" if a is None and b is None else "%s / %s" % (fmt_ms(a), fmt_ms(b))

    for scen, tr in combos:
        by = {r["server"]: r for r in results if r["scenario"] == scen and r["transport"] == tr}
        rp, km = by.get("repro"), by.get("kamailio")
        mr, mk = metrics(rp), metrics(km)
        unit = SCENARIOS[scen]["unit"]
        lines = [
            ("max sustained %ss/s" % unit, lambda r, m: cell(r, fmt_rate(r)), "rate"),
            ("p50 / p99 at that rate (ms)", lambda r, m: cell(r, pair(m["p50"], m["p99"])), "p99"),
            ("p50 / p99 at %s/s (ms)" % "{:,}".format(CPU_RATE),
             lambda r, m: cell(r, pair(m["cp50"], m["cp99"])), "cp99"),
            ("CPU per %s at %s/s (ms)" % (unit, "{:,}".format(CPU_RATE)),
             lambda r, m: cell(r, "-" if m["cpu"] is None else "%.3f" % m["cpu"]), "cpu"),
            ("peak memory (MB)", lambda r, m: cell(r, "-" if m["mem"] is None else "%.0f" % m["mem"]), "mem"),
        ]
        for i, (name, f, key) in enumerate(lines):
            rows.append("| %s | %s | %s | %s | %s | %s |" % (
                SCENARIOS[scen]["title"] if i == 0 else "", tr.upper() if i == 0 else "", name,
                f(rp, mr), f(km, mk), ratio(mr[key], mk[key])))
    if mem_results:
        by = {m["server"]: m for m in mem_results}
        rp, km = by.get("repro"), by.get("kamailio")

        def b(m):
            return cell(m, "{:,}".format(m.get("bindings", 0)) if m else "")

        def per(m, key):
            return cell(m, "-" if not m or m.get(key) is None else "{:,}".format(int(round(m[key]))))
        rows.append("| memory scale | UDP | addresses-of-record registered | %s | %s | |" % (b(rp), b(km)))
        rows.append("| | | memory growth per binding (bytes) | %s | %s | %s |" % (
            per(rp, "per_binding_rss"), per(km, "per_binding_pss"),
            ratio((rp or {}).get("per_binding_rss"), (km or {}).get("per_binding_pss"))))
    return "\n".join(rows)


def versions(env):
    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip()
        except Exception:  # noqa: BLE001
            return "?"
    v = {}
    v["sipp"] = (out([env.sipp, "-v"]).splitlines() or ["?"])[0].strip().rstrip(".") if env.sipp else "?"
    v["kamailio"] = ((out([env.kamailio, "-v"]).splitlines() or ["?"])[0].strip()
                     .replace("version: ", "") if env.kamailio else "?")
    v["repro"] = out(["git", "-C", ROOT, "describe", "--always", "--dirty"]) or "?"
    v["cpus"] = os.cpu_count()
    v["kernel"] = os.uname().release
    try:
        with open("/proc/cpuinfo") as f:
            v["cpu"] = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
    except OSError:
        v["cpu"] = "?"
    return v


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description="SIPp benchmark: repro vs Kamailio (use bench/run).")
    ap.add_argument("--quick", action="store_true", help="a ~3 minute smoke run")
    ap.add_argument("--scenarios", default=",".join(SCENARIOS),
                    help="comma-separated: %s, memscale (default: all)" % ", ".join(SCENARIOS))
    ap.add_argument("--transports", default="udp,tcp")
    ap.add_argument("--servers", default="repro,kamailio")
    ap.add_argument("--repro-bin", default=os.path.join(ROOT, ".build", "release", "repro"))
    ap.add_argument("--kamailio-bin", default=shutil.which("kamailio") or "/usr/sbin/kamailio")
    ap.add_argument("--sipp-bin", default=shutil.which("sipp") or "/usr/bin/sipp")
    ap.add_argument("--kamailio-children", type=int, default=2,
                    help="Kamailio workers: UDP (-n) and TCP (tcp_children) each")
    ap.add_argument("--kamailio-shm", type=int, default=512, help="Kamailio shared memory (MB)")
    ap.add_argument("--memscale", type=int, help="bindings for the memory-scale run (full: 1,000,000)")
    ap.add_argument("--memscale-rate", type=int, default=10000)
    ap.add_argument("--memscale-settle", type=int,
                    help="seconds between the last REGISTER and the memory reading (full: 35)")
    ap.add_argument("--finetime", default=os.path.join(HERE, "out", "finetime.so"),
                    help="LD_PRELOAD shim giving SIPp a precise clock (bench/finetime.c)")
    ap.add_argument("--out", help="result directory (default bench/out/TIMESTAMP)")
    ap.add_argument("--write-results", choices=["auto", "yes", "no"], default="auto",
                    help="update bench/RESULTS.md (auto: only for a full run of everything)")
    args = ap.parse_args()

    if args.quick:
        defaults = dict(step_seconds=2, cpu_seconds=2, factor=2.0, max_steps=5, retry=False, refine=False,
                        budget=240, max_rate=64000, memscale=50000, memscale_settle=5)
    else:
        defaults = dict(step_seconds=4, cpu_seconds=6, factor=1.5, max_steps=9, retry=True, refine=True,
                        budget=1200, max_rate=64000, memscale=1000000, memscale_settle=35)
    for k, v in defaults.items():
        if getattr(args, k, None) is None:
            setattr(args, k, v)

    scen = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    for s in scen:
        if s not in SCENARIOS and s != "memscale":
            ap.error("unknown scenario %r" % s)
    transports = [t.strip().lower() for t in args.transports.split(",") if t.strip()]
    servers = [s.strip().lower() for s in args.servers.split(",") if s.strip()]

    env = Env()
    env.args = args
    env.started = time.time()
    env.deadline = env.started + args.budget  # per combination, set in the loop below
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    env.out = os.path.abspath(args.out or os.path.join(HERE, "out", stamp))
    os.makedirs(env.out, exist_ok=True)
    env.data = os.path.join(env.out, "data")
    env.sipp = args.sipp_bin
    env.kamailio = args.kamailio_bin
    env.repro = args.repro_bin
    env.users = 10000
    env.sipp_env = None
    env.fine_clock = False
    if args.finetime and os.path.exists(args.finetime):
        env.sipp_env = dict(os.environ, LD_PRELOAD=args.finetime)
        env.fine_clock = True
    else:
        log("SIPp's clock is CLOCK_MONOTONIC_COARSE: response times in kernel ticks (4 ms at HZ=250); "
            "bench/run compiles bench/finetime.c to fix that when a C compiler is there")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_users.py"), env.data, "--count", str(env.users)],
                   check=True)
    env.users_csv = os.path.join(env.data, "users.csv")

    notes = []
    if "repro" in servers:
        ok, why = prepare_repro(env)
        if not ok:
            notes.append("repro not measured: %s" % why)
            log("repro not measured: %s" % why)
            servers = [s for s in servers if s != "repro"]
    if "kamailio" in servers and not (env.kamailio and os.access(env.kamailio, os.X_OK)):
        notes.append("kamailio not found")
        servers = [s for s in servers if s != "kamailio"]
    if not servers:
        log("nothing to measure")
        return 2

    log("output: %s" % env.out)
    results, mem_results = [], []
    combos = [(s, t, kind) for s in scen if s != "memscale" for t in transports for kind in servers]
    do_mem = "memscale" in scen or args.scenarios == ",".join(SCENARIOS)
    # Time budget: the memory-scale runs get their share first; every
    # scenario/transport/server combination then gets an equal share of
    # what is left (recomputed as combinations finish early).
    mem_estimate = ((args.memscale / float(args.memscale_rate) * 1.3 + 25 + args.memscale_settle) * len(servers)
                    if do_mem else 0)
    steps_end = env.started + args.budget - mem_estimate
    for i, (s, t, kind) in enumerate(combos):
        left = len(combos) - i
        env.deadline = time.time() + max(30.0, (steps_end - time.time()) / left)
        log("%s over %s against %s" % (s, t.upper(), kind))
        results.append(measure_combo(env, s, t, kind))
        save(env, results, mem_results, notes)
    if do_mem:
        for kind in servers:
            est = args.memscale / float(args.memscale_rate) * 1.3 + 25 + args.memscale_settle
            if time.time() + est > env.started + args.budget + 120:
                notes.append("memory scale against %s skipped: time budget" % kind)
                continue
            log("memory scale (%d bindings) against %s" % (args.memscale, kind))
            mem_results.append(memscale(env, kind))
            save(env, results, mem_results, notes)

    md = report(env, results, mem_results, notes, servers)
    with open(os.path.join(env.out, "RESULTS.md"), "w") as f:
        f.write(md)
    full = (not args.quick and args.scenarios == ",".join(SCENARIOS) and args.transports == "udp,tcp"
            and servers == SERVERS)
    if args.write_results == "yes" or (args.write_results == "auto" and full):
        with open(os.path.join(HERE, "RESULTS.md"), "w") as f:
            f.write(md)
        log("wrote bench/RESULTS.md")
    print(md)
    log("done in %.0f s; details in %s" % (time.time() - env.started, env.out))
    return 0


def prepare_repro(env):
    if not os.access(env.repro, os.X_OK):
        return False, "no repro binary at %s (bench/run builds it)" % env.repro
    h = subprocess.run([env.repro, "serve", "--help"], capture_output=True, text=True, timeout=30)
    if h.returncode != 0 or "--udp-port" not in h.stdout + h.stderr:
        return False, "this repro has no `serve` command yet"
    text = h.stdout + h.stderr
    env.repro_extra = []
    if "--tls-port" in text:
        env.repro_extra += ["--tls-port", "0"]
    if "--log-level" in text:
        env.repro_extra += ["--log-level", "error"]
    if "--control-socket" in text:
        env.repro_extra += ["--control-socket", os.path.join(env.out, "repro-control.sock")]
    # SIPp 3.6 answers only the first challenge and knows only MD5; repro offers
    # SHA-256 first by default. Kamailio challenges with MD5 alone, so does repro here.
    if "--config" in text:
        cfg = os.path.join(env.out, "repro.config")
        with open(cfg, "w") as f:
            f.write("# written by bench/bench.py\nDigestAlgorithms = MD5\n")
        env.repro_extra += ["--config", cfg]
    env.repro_data = os.path.join(env.out, "repro-data")
    os.makedirs(env.repro_data, exist_ok=True)
    r = subprocess.run([env.repro, "db", "import", os.path.join(env.data, "repro-users.json"),
                        "--data-dir", env.repro_data], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        return False, "user import failed: %s" % (r.stderr.strip() or r.stdout.strip())
    log(r.stdout.strip())
    return True, ""


def save(env, results, mem_results, notes):
    with open(os.path.join(env.out, "results.json"), "w") as f:
        json.dump(dict(results=results, memscale=mem_results, notes=notes), f, indent=1, default=str)


def report(env, results, mem_results, notes, servers):
    args = env.args
    v = versions(env)
    cmd = "bench/run" + (" --quick" if args.quick else "")
    if args.scenarios != ",".join(SCENARIOS):
        cmd += " --scenarios " + args.scenarios
    lines = [
        "# Benchmark: repro vs Kamailio",
        "",
        "Measured %s with `%s` (%s mode, %.0f s)." % (
            datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), cmd, "quick" if args.quick else "full",
            time.time() - env.started),
        "",
        "Machine: %s CPUs (%s), Linux %s. SIPp: %s. Kamailio: %s (%d UDP and %d TCP workers). repro: %s." % (
            v["cpus"], v["cpu"], v["kernel"], v["sipp"], v["kamailio"], args.kamailio_children, args.kamailio_children, v["repro"]),
        "",
        table(results, mem_results, servers),
        "",
        "How to read it:",
        "",
        "- Everything runs on 127.0.0.1; SIPp, the UAS and the server share the machine's cores.",
        "- *max sustained*: the highest rate stepped to (x%.1f from %s, %d s per step%s) at which every"
        " call or registration succeeded, p99 < %d ms and SIPp kept the pace; when the first step fails,"
        " half and a quarter of it are tried. \"≥\" marks a ceiling set by the load generator (SIPp's"
        " single thread saturated or no step failed)." % (
            args.factor, ", ".join("%s %d/s" % (k, s["start"]) for k, s in SCENARIOS.items()),
            args.step_seconds, ", a failed step retried once, one refinement step" if args.retry else "",
            P99_LIMIT_MS),
        "- Response times come from SIPp's -trace_rtt (%s): REGISTER -> 200; with auth the"
        " whole REGISTER -> 401 -> REGISTER -> 200 exchange; calls INVITE -> 200 through the proxy." % (
            "SIPp's coarse clock mapped to CLOCK_MONOTONIC by bench/finetime.c" if env.fine_clock else
            "SIPp's CLOCK_MONOTONIC_COARSE: whole kernel ticks, 4 ms at HZ=250"),
        "- *CPU per op*: the server's utime+stime (all its processes, /proc/PID/stat) during %d %ss at"
        " %d/s, divided by the number completed: the least noisy figure on a shared machine." % (
            CPU_RATE * args.cpu_seconds, "op", CPU_RATE),
        "- *peak memory*: repro's VmHWM; for Kamailio (a process per worker around one shared memory pool)"
        " the peak of the summed PSS of all its processes, sampled every 0.5 s.",
        "- *memory scale*: %s distinct addresses-of-record, one binding each, registered over UDP at"
        " %d/s into a fresh server (chunks of 100,000; a chunk with failures sent again at half the"
        " rate); growth of RSS (repro) or summed PSS (Kamailio), read %d s after the"
        " last REGISTER (once its transaction is over), divided by the bindings." % (
            "{:,}".format(args.memscale), args.memscale_rate, args.memscale_settle),
        "- Ratios are repro / Kamailio: above 1 is better for rates, below 1 is better for times and memory;"
        " for p50 / p99 the ratio is of the p99s. \"At that rate\" is each server's own highest rate;"
        " \"at %s/s\" is the same load for both." % "{:,}".format(CPU_RATE),
        "- The same scenarios (bench/scenarios), users (bench/gen_users.py) and job (in-memory registrar,"
        " stateful record-routing proxy, digest auth with the same users) for both servers; Kamailio runs"
        " bench/kamailio/kamailio.cfg.",
    ]
    for n in notes:
        lines.append("- Note: %s" % n)
    for r in results:
        if r.get("error"):
            lines.append("- Error: %s %s %s: %s" % (r["server"], r["scenario"], r["transport"], r["error"]))
        if r.get("cut_by_budget"):
            lines.append("- %s %s %s: the climb stopped at the time budget, not at a failure." % (
                r["server"], r["scenario"], r["transport"].upper()))
        cpu = r.get("cpu")
        if cpu and not cpu.get("passed"):
            lines.append("- %s %s %s at %d/s (CPU phase): %s; CPU per op is over the %d that completed." % (
                r["server"], r["scenario"], r["transport"].upper(), CPU_RATE, cpu.get("why"), cpu.get("ok", 0)))
    for m in mem_results:
        if m.get("error"):
            lines.append("- Error: %s memory scale: %s" % (m["server"], m["error"]))
        elif m.get("bindings", 0) < m.get("target", 0):
            lines.append("- %s memory scale: %s of %s addresses-of-record got a 200 (%s)." % (
                m["server"], "{:,}".format(m["bindings"]), "{:,}".format(m["target"]),
                m.get("cut") or "failures left after a second pass at half the rate"))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted; stopping what this run started")
        sys.exit(130)
