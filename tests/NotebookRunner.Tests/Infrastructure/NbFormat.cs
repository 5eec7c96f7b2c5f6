using System.Diagnostics;

namespace NotebookRunner.Tests.Infrastructure;

/// <summary>Validates notebooks with python3-nbformat, the reference implementation of the format.</summary>
public static class NbFormat
{
    const string Script = """
        import json, sys, nbformat
        failed = False
        for path in sys.argv[1:]:
            nb = json.load(open(path, encoding="utf-8"))
            try:
                if (nb.get("nbformat"), nb.get("nbformat_minor")) != (4, 5):
                    raise ValueError("not nbformat 4.5")
                nbformat.validate(nb)
            except Exception as e:
                failed = True
                print(f"{path}: {type(e).__name__}: {str(e)[:2000]}")
        sys.exit(1 if failed else 0)
        """;

    /// <summary>A python3 that has the nbformat module (fails the test with how to install one otherwise).</summary>
    public static string PythonWithNbformat => Python.Value;

    static readonly Lazy<string> Python = new(() =>
    {
        foreach (string candidate in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo(candidate, ["-c", "import nbformat"]) { RedirectStandardError = true })!;
                p.WaitForExit();
                if (p.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception) { /* not installed */ }
        }
        throw new Xunit.Sdk.XunitException(
            "No python3 with the nbformat module was found (tried python3 and /usr/bin/python3). " +
            "Install it with `sudo apt-get install python3-nbformat` (./course test does this when run as root).");
    });

    /// <summary>Validates the notebooks; returns (ok, messages).</summary>
    public static (bool Valid, string Messages) Validate(params string[] paths)
    {
        var psi = new ProcessStartInfo(Python.Value) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Script);
        foreach (string p in paths) psi.ArgumentList.Add(p);
        using var process = Process.Start(psi)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode == 0, stdout + stderr.Result);
    }

    public static void AssertValid(params string[] paths)
    {
        var (valid, messages) = Validate(paths);
        Assert.True(valid, $"nbformat rejects the executed notebooks:\n{messages}");
    }
}
