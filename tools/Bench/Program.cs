using System.Diagnostics;
using GanCourse;
using GanCourse.Bench;
using TorchSharp;
using static TorchSharp.torch;

// Training benchmark of the lecture's MLP GAN (see README, "Benchmark"). Usage:
//   Bench [--steps 100] [--runs 5] [--warmup 30] [--threads 2] [--batch 128] [--loop both|all|trainer|plain|reference]
// (both = reference loop and GanTrainer; all adds GanTrainer on its plain path, torch.optim.Adam on ordinary parameters)
// GAN_COURSE_MALLOC_TUNING=0 turns the malloc tuning off.
Args opts;
try
{
    opts = Args.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    Console.Error.WriteLine(Args.Usage);
    return 2;
}
long rssStart = Memory.Rss();
var env = Course.Setup(seed: 0, threads: opts.Threads);
Console.WriteLine($"# {env}");
Console.WriteLine($"# batch {opts.Batch}, {opts.Runs} runs of {opts.Steps} steps after {opts.Warmup} warm-up steps; median reported");

var (data, dataLabel) = BenchData.Load();
Console.WriteLine($"data: {dataLabel}: [{string.Join(", ", data.shape)}]");
long rssAfterData = Memory.Rss();

var lecture = GemmCount.LectureStep(opts.Batch);
var trainerGemms = GemmCount.TrainerStep(opts.Batch);
Console.WriteLine($"GEMMs per step: lecture loop {lecture.Count} = {lecture.Sum(g => g.Flops) / 1e9:F3} GFLOP; " +
                  $"GanTrainer {trainerGemms.Count} = {trainerGemms.Sum(g => g.Flops) / 1e9:F3} GFLOP");

var results = new List<(string Name, double StepMs, double GemmMs, double StepCpuMs, double GemmCpuMs, double Flops, double StepMin, double GemmMin)>();
if (opts.Loop is "both" or "all" or "reference")
{
    using var loop = new ReferenceLoop(data, opts.Batch, lr: 1e-5);
    results.Add(Measure("reference loop (lecture code)", lecture, loop.Run));
}
foreach (bool fastPath in new[] { false, true })
{
    if (!(fastPath ? opts.Loop is "both" or "all" or "trainer" : opts.Loop is "all" or "plain")) continue;
    var g = new MlpGenerator();
    var d = new MlpDiscriminator();
    using var trainer = new GanTrainer(g, d, data,
        GanTrainerOptions.Lecture with { BatchSize = opts.Batch, SnapshotSamples = 16, ReportEvery = 50, FastPath = fastPath });
    results.Add(Measure(fastPath ? "GanTrainer (fast path)" : "GanTrainer (plain path)", trainerGemms, s => trainer.Run(s)));
}

Console.WriteLine();
Console.WriteLine("wall clock (median of the runs):");
Console.WriteLine($"{"loop",-30} {"steps/s",8} {"ms/step",8} {"GEMM ms",8} {"ratio",6} {"GFLOP/s",8}");
foreach (var r in results)
    Console.WriteLine($"{r.Name,-30} {1000 / r.StepMs,8:F1} {r.StepMs,8:F2} {r.GemmMs,8:F2} {r.StepMs / r.GemmMs,6:F2} {r.Flops / r.StepMs / 1e6,8:F1}");
Console.WriteLine("wall clock, fastest run (least disturbed by other processes):");
Console.WriteLine($"{"loop",-30} {"steps/s",8} {"ms/step",8} {"GEMM ms",8} {"ratio",6} {"GFLOP/s",8}");
foreach (var r in results)
    Console.WriteLine($"{r.Name,-30} {1000 / r.StepMin,8:F1} {r.StepMin,8:F2} {r.GemmMin,8:F2} {r.StepMin / r.GemmMin,6:F2} {r.Flops / r.StepMin / 1e6,8:F1}");
Console.WriteLine("process CPU time (user + system, all threads; median of the runs):");
Console.WriteLine($"{"loop",-30} {"CPU ms/step",11} {"GEMM CPU ms",11} {"ratio",6}");
foreach (var r in results)
    Console.WriteLine($"{r.Name,-30} {r.StepCpuMs,11:F2} {r.GemmCpuMs,11:F2} {r.StepCpuMs / r.GemmCpuMs,6:F2}");
Console.WriteLine();
Console.WriteLine($"RSS: start {rssStart / 1048576.0:F0} MB, after data {rssAfterData / 1048576.0:F0} MB, end {Memory.Rss() / 1048576.0:F0} MB, " +
                  $"peak (VmHWM) {Memory.Peak() / 1048576.0:F0} MB; malloc tuning {(MallocTuning.Applied ? "on" : "off")}");

return 0;

(string, double, double, double, double, double, double, double) Measure(string name, List<Gemm> gemms, Action<int> run)
{
    run(opts.Warmup);
    var stepMs = new List<double>();
    var gemmMs = new List<double>();
    var stepCpu = new List<double>();
    var gemmCpu = new List<double>();
    var process = Process.GetCurrentProcess();
    TimeSpan Cpu() { process.Refresh(); return process.TotalProcessorTime; }
    using var replay = new GemmReplay(gemms);
    for (int i = 0; i < 3; i++) replay.RunOnce();
    var rss = new List<long>();
    for (int r = 0; r < opts.Runs; r++)
    {
        var cpu = Cpu();
        var sw = Stopwatch.StartNew();
        run(opts.Steps);
        stepMs.Add(sw.Elapsed.TotalMilliseconds / opts.Steps);
        stepCpu.Add((Cpu() - cpu).TotalMilliseconds / opts.Steps);
        // The same step's GEMMs alone, interleaved with the runs so both see the same machine load.
        int replays = Math.Max(1, opts.Steps / 2);
        cpu = Cpu();
        sw.Restart();
        for (int i = 0; i < replays; i++) replay.RunOnce();
        gemmMs.Add(sw.Elapsed.TotalMilliseconds / replays);
        gemmCpu.Add((Cpu() - cpu).TotalMilliseconds / replays);
        rss.Add(Memory.Rss());
    }
    double step = Stats.Median(stepMs), gemm = Stats.Median(gemmMs);
    Console.WriteLine($"{name}: step ms per run [{string.Join(", ", stepMs.Select(v => v.ToString("F1")))}], " +
                      $"GEMM ms per run [{string.Join(", ", gemmMs.Select(v => v.ToString("F1")))}], " +
                      $"RSS after each run MB [{string.Join(", ", rss.Select(v => (v / 1048576.0).ToString("F0")))}]");
    return (name, step, gemm, Stats.Median(stepCpu), Stats.Median(gemmCpu), replay.Flops, stepMs.Min(), gemmMs.Min());
}

sealed record Args(int Steps, int Runs, int Warmup, int Threads, int Batch, string Loop)
{
    public const string Usage =
        "usage: ./course bench [--steps 100] [--runs 5] [--warmup 30] [--threads 2] [--batch 128] [--loop both|all|trainer|plain|reference]";

    public static Args Parse(string[] a)
    {
        var o = new Args(100, 5, 30, 2, 128, "both");
        for (int i = 0; i < a.Length; i++)
        {
            string Next() => i + 1 < a.Length ? a[++i] : throw new ArgumentException($"{a[i]} needs a value");
            o = a[i] switch
            {
                "--steps" => o with { Steps = int.Parse(Next()) },
                "--runs" => o with { Runs = int.Parse(Next()) },
                "--warmup" => o with { Warmup = int.Parse(Next()) },
                "--threads" => o with { Threads = int.Parse(Next()) },
                "--batch" => o with { Batch = int.Parse(Next()) },
                "--loop" => o with { Loop = Next() },
                _ => throw new ArgumentException($"unknown option {a[i]}; options: --steps --runs --warmup --threads --batch --loop both|all|trainer|plain|reference"),
            };
        }
        if (o.Loop is not ("both" or "all" or "trainer" or "plain" or "reference"))
            throw new ArgumentException($"--loop takes both, all, trainer, plain or reference, not \"{o.Loop}\"");
        return o;
    }
}

static class Stats
{
    public static double Median(List<double> v)
    {
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}

static class Memory
{
    static long Field(string name)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(name + ":"))
                return long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0]) * 1024;
        return 0;
    }

    public static long Rss() => Field("VmRSS");
    public static long Peak() => Field("VmHWM");
}

static class BenchData
{
    /// <summary>MNIST's training images as [60000, 784] in [0, 1], and a description with the load time.</summary>
    public static (Tensor Data, string Label) Load()
    {
        var clock = Stopwatch.StartNew();
        Datasets.Ensure(DatasetName.Mnist, log: Datasets.ConsoleLog); // fetches the files on the first run only
        double ensure = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var train = Datasets.Load(DatasetName.Mnist, Split.Train);
        double load = clock.Elapsed.TotalSeconds;
        return (train.Flat, $"MNIST train ({train.Count} images), Datasets.Load {load:F2} s (files verified by checksum); " +
                            $"Datasets.Ensure before it {ensure:F2} s");
    }
}
