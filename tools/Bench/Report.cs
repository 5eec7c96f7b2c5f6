namespace GanCourse.Bench;

/// <summary>One loop's figures per timed run: ms per step (wall clock and process CPU time), the same for the step's GEMMs alone (NaN when not measured), RSS after the run.</summary>
sealed record Result(string Name, List<double> WallMs, List<double> CpuMs, List<double> GemmWallMs, List<double> GemmCpuMs, List<double> RssMb)
{
    public void PrintRuns() =>
        Console.WriteLine($"{Name}: ms/step per run [{Join(WallMs, "F1")}], CPU ms/step [{Join(CpuMs, "F1")}]" +
                          (GemmWallMs.Any(double.IsFinite) ? $", GEMMs alone ms [{Join(GemmWallMs, "F1")}]" : "") +
                          $", RSS after each run MB [{Join(RssMb, "F0")}]");

    static string Join(List<double> values, string format) => string.Join(", ", values.Select(v => v.ToString(format)));
}

/// <summary>The side-by-side tables: wall clock, then process CPU time, each with its ratios to PyTorch and to the reference loop.</summary>
static class Report
{
    public static void Table(List<Result> results, int threads)
    {
        Print($"wall clock, {threads} threads (median of the runs; xPyTorch and xref = their ms/step over this loop's, above 1 = faster):",
            results, r => r.WallMs, r => r.GemmWallMs, rss: true);
        Console.WriteLine();
        Print("process CPU time, user + system, all threads (median of the runs):", results, r => r.CpuMs, r => r.GemmCpuMs, rss: false);
    }

    static void Print(string title, List<Result> results, Func<Result, List<double>> step, Func<Result, List<double>> gemm, bool rss)
    {
        double Of(string prefix) => results.FirstOrDefault(r => r.Name.StartsWith(prefix)) is Result r ? Median(step(r)) : double.NaN;
        double pytorch = Of("PyTorch"), reference = Of("reference");
        Console.WriteLine(title);
        Console.WriteLine($"{"loop",-30} {"steps/s",8} {"ms/step",8} {"xPyTorch",8} {"xref",6} {"GEMM ms",8} {"step/GEMM",9}" +
                          (rss ? "  RSS MB after each run (first -> last)" : ""));
        foreach (var r in results)
        {
            double ms = Median(step(r)), gemmMs = Median(gemm(r));
            Console.WriteLine($"{r.Name,-30} {1000 / ms,8:F1} {ms,8:F2} {Ratio(pytorch, ms),8} {Ratio(reference, ms),6} " +
                              $"{(double.IsFinite(gemmMs) ? gemmMs.ToString("F2") : "-"),8} {Ratio(ms, gemmMs),9}" +
                              (rss ? $"  {r.RssMb[0]:F0} -> {r.RssMb[^1]:F0} ({Math.Round(r.RssMb[^1]) - Math.Round(r.RssMb[0]):+0;-0;0})" : ""));
        }
    }

    static string Ratio(double numerator, double denominator) =>
        double.IsFinite(numerator) && double.IsFinite(denominator) ? (numerator / denominator).ToString("F2") : "-";

    static double Median(List<double> v)
    {
        if (v.Count == 0) return double.NaN;
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
