namespace GanCourse.Tests.Exercises;

/// <summary>Runs a check with Console.Out redirected; returns its result and what it printed.</summary>
static class ConsoleCapture
{
    public static (bool Result, string Printed) Run(Func<bool> check)
    {
        var old = Console.Out;
        var sw = new StringWriter();
        Console.SetOut(sw);
        try { return (check(), sw.ToString()); }
        finally { Console.SetOut(old); }
    }
}
