"""The PyTorch peer of tools/Bench: the same GAN, batch, threads and Algorithm-1 step as GanTrainer, timed the same way.

Started by the Bench program (never needed by hand), with Debian's /usr/bin/python3 and python3-torch, OpenBLAS first
on LD_LIBRARY_PATH. It prints one JSON object per line on stdout: "info" (versions, the BLAS library actually loaded),
then one "run" per timed run (wall and CPU ms per step, the same for the step's GEMMs alone when a GEMM list is given,
RSS after the run). Any failure goes to stderr with exit code 1.
"""
import argparse
import ctypes
import json
import os
import signal
import sys
import time

# Die with the Bench program: a parent killed even by SIGKILL leaves no orphan.
ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
if os.getppid() == 1:
    sys.exit("peer.py: the Bench program that started it is gone")

import torch  # noqa: E402  (after the death signal, which must be set first)
from torch import nn  # noqa: E402


def parse():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model", choices=["mlp", "dcgan"], required=True)
    p.add_argument("--images", required=True, help="an IDX3 file of 28x28 uint8 images (MNIST or Fashion-MNIST)")
    p.add_argument("--features", type=int, default=16, help="DCGAN width f")
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--zdim", type=int, default=64)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--steps", type=int, required=True)
    p.add_argument("--runs", type=int, required=True)
    p.add_argument("--warmup", type=int, required=True)
    p.add_argument("--lr", type=float, required=True)
    p.add_argument("--beta1", type=float, required=True)
    p.add_argument("--beta2", type=float, required=True)
    p.add_argument("--report-every", type=int, default=50)
    p.add_argument("--gemms", default="", help="the step's GEMMs as kind:batch:in:out,... (kind F, I or W)")
    return p.parse_args()


def mlp(zdim):
    def gblock(i, o):
        return [nn.Linear(i, o), nn.BatchNorm1d(o), nn.ReLU(inplace=True)]

    def dblock(i, o):
        return [nn.Linear(i, o), nn.LeakyReLU(0.2, inplace=True)]

    g = nn.Sequential(*gblock(zdim, 128), *gblock(128, 256), *gblock(256, 512), *gblock(512, 1024),
                      nn.Linear(1024, 784), nn.Sigmoid())
    d = nn.Sequential(*dblock(784, 512), *dblock(512, 256), *dblock(256, 128), nn.Linear(128, 1))
    return g, d


class Dcgan(nn.Module):
    """lib/GanCourse/Models/DcganGenerator.cs and DcganDiscriminator.cs, layer for layer (DCGAN initialisation)."""

    def __init__(self, zdim, f):
        super().__init__()
        self.zdim = zdim
        self.g = nn.Sequential(
            nn.ConvTranspose2d(zdim, 4 * f, 7, 1, 0, bias=False), nn.BatchNorm2d(4 * f), nn.ReLU(inplace=True),
            nn.ConvTranspose2d(4 * f, 2 * f, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * f), nn.ReLU(inplace=True),
            nn.ConvTranspose2d(2 * f, 1, 4, 2, 1), nn.Tanh())
        self.d = nn.Sequential(
            nn.Conv2d(1, f, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(f, 2 * f, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * f), nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(2 * f, 1, 7, 1, 0))
        with torch.no_grad():
            for m in self.modules():
                if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                    m.weight.normal_(0, 0.02)
                    if m.bias is not None:
                        m.bias.zero_()
                elif isinstance(m, nn.BatchNorm2d):
                    m.weight.normal_(1, 0.02)
                    m.bias.zero_()


def load_images(path, scale_minus_one_one):
    with open(path, "rb") as f:
        raw = f.read()
    magic, count, rows, cols = (int.from_bytes(raw[i:i + 4], "big") for i in range(0, 16, 4))
    if magic != 2051 or rows != 28 or cols != 28:
        sys.exit(f"peer.py: {path} is not an IDX3 file of 28x28 images (magic {magic}, {rows}x{cols})")
    pixels = torch.frombuffer(bytearray(raw[16:16 + count * 784]), dtype=torch.uint8).view(count, 784).float().div_(255)
    return pixels.mul_(2).sub_(1).view(count, 1, 28, 28) if scale_minus_one_one else pixels


class Gan:
    """GanTrainer's step (Algorithm 1, k = 1, non-saturating loss from logits, Adam for each player) and its records."""

    def __init__(self, g, d, zdim, data, a):
        self.g, self.d, self.data, self.batch = g, d, data, a.batch
        self.d_params = list(d.parameters())
        self.g_params = list(g.parameters())
        self.opt_g = torch.optim.Adam(self.g_params, lr=a.lr, betas=(a.beta1, a.beta2))
        self.opt_d = torch.optim.Adam(self.d_params, lr=a.lr, betas=(a.beta1, a.beta2))
        self.noise = torch.empty(a.batch, zdim)
        self.ones, self.zeros = torch.ones(a.batch, 1), torch.zeros(a.batch, 1)
        self.bce = nn.BCEWithLogitsLoss()
        self.order, self.cursor = None, 0
        self.report_every, self.pending, self.steps, self.history = a.report_every, [], 0, []

    def real_batch(self):
        n = self.data.shape[0]
        if self.order is None or self.cursor + self.batch > n:
            self.order, self.cursor = torch.randperm(n), 0
        index = self.order[self.cursor:self.cursor + self.batch]
        self.cursor += self.batch
        return self.data.index_select(0, index)

    def z(self):
        return self.noise.normal_().view(self.batch, -1, 1, 1) if isinstance(self.g[0], nn.ConvTranspose2d) \
            else self.noise.normal_()

    @staticmethod
    def norm(params):
        return torch.stack([p.grad.norm() for p in params]).norm()

    def step(self):
        # (1) Update D: minimise J(D) on m real examples and m fakes; the fakes need no graph.
        x = self.real_batch()
        with torch.no_grad():
            fake = self.g(self.z())
        self.opt_d.zero_grad(set_to_none=True)
        real_logits, fake_logits = self.d(x).view(-1, 1), self.d(fake).view(-1, 1)
        d_loss = (self.bce(real_logits, self.ones) + self.bce(fake_logits, self.zeros)) * 0.5
        d_loss.backward()
        d_norm = self.norm(self.d_params)
        self.opt_d.step()
        # (2) Update G: minimise -E log D(G(z)) on fresh fakes; D's parameters frozen (no graph for their gradients).
        self.opt_g.zero_grad(set_to_none=True)
        for p in self.d_params:
            p.requires_grad_(False)
        g_loss = self.bce(self.d(self.g(self.z())).view(-1, 1), self.ones)
        g_loss.backward()
        for p in self.d_params:
            p.requires_grad_(True)
        g_norm = self.norm(self.g_params)
        self.opt_g.step()
        with torch.no_grad():
            self.pending.append(torch.stack([d_loss.detach(), g_loss.detach(), real_logits.sigmoid().mean(),
                                             fake_logits.sigmoid().mean(), d_norm, g_norm]))
        self.steps += 1
        if self.steps % self.report_every == 0:
            self.history.extend(torch.stack(self.pending).tolist())
            self.pending.clear()

    def run(self, steps):
        for _ in range(steps):
            self.step()


class GemmReplay:
    """The step's GEMMs alone, laid out as autograd lays out Linear: forward addmm(b, x, W^T), input grad mm(g, W),
    weight grad mm(g^T, x) (tools/Bench/GemmCount.cs)."""

    def __init__(self, spec):
        self.work = []
        for item in filter(None, spec.split(",")):
            kind, b, i, o = item.split(":")
            b, i, o = int(b), int(i), int(o)
            if kind == "F":
                self.work.append((torch.randn(o), torch.randn(b, i), torch.randn(o, i).t()))
            elif kind == "I":
                self.work.append((None, torch.randn(b, o), torch.randn(o, i)))
            else:
                self.work.append((None, torch.randn(b, o).t(), torch.randn(b, i)))

    def run_once(self):
        for bias, a, b in self.work:
            torch.addmm(bias, a, b) if bias is not None else torch.mm(a, b)


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def blas_loaded():
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "blas" in line.split()[-1]}
    return sorted(p for p in paths if p.startswith("/"))


def main():
    a = parse()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    data = load_images(a.images, scale_minus_one_one=a.model == "dcgan")
    if a.model == "mlp":
        g, d = mlp(a.zdim)
    else:
        pair = Dcgan(a.zdim, a.features)
        g, d = pair.g, pair.d
    g.train()
    d.train()
    gan = Gan(g, d, a.zdim, data, a)
    replay = GemmReplay(a.gemms)
    print(json.dumps({"kind": "info", "torch": torch.__version__, "python": sys.version.split()[0],
                      "threads": torch.get_num_threads(), "blas": blas_loaded(),
                      "glibc_tunables": os.environ.get("GLIBC_TUNABLES", "")}), flush=True)
    gan.run(a.warmup)
    for _ in range(3):
        replay.run_once()
    for run in range(a.runs):
        wall, cpu = time.perf_counter(), time.process_time()
        gan.run(a.steps)
        wall, cpu = (time.perf_counter() - wall) * 1000 / a.steps, (time.process_time() - cpu) * 1000 / a.steps
        gemm_wall = gemm_cpu = None
        if replay.work:
            replays = max(1, a.steps // 2)
            gw, gc = time.perf_counter(), time.process_time()
            for _ in range(replays):
                replay.run_once()
            gemm_wall = (time.perf_counter() - gw) * 1000 / replays
            gemm_cpu = (time.process_time() - gc) * 1000 / replays
        print(json.dumps({"kind": "run", "run": run, "wall_ms": wall, "cpu_ms": cpu, "gemm_wall_ms": gemm_wall,
                          "gemm_cpu_ms": gemm_cpu, "rss_mb": rss_mb()}), flush=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
