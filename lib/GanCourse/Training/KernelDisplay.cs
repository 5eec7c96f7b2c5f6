using System.Reflection;

namespace GanCourse;

/// <summary>
/// A line of text shown in a notebook and updated in place, when this code runs inside a .NET Interactive kernel
/// (VS Code Polyglot Notebooks, Jupyter with the .net-csharp kernel). The library does not reference the kernel: it
/// finds the loaded Microsoft.DotNet.Interactive assembly at run time and calls what a cell's <c>display(...)</c>
/// calls, <c>KernelInvocationContextExtensions.Display(KernelInvocationContext.Current, value, "text/plain")</c>, whose
/// <c>DisplayedValue.Update(value)</c> the kernel sends as an update of the same output.
/// </summary>
sealed class KernelDisplay
{
    readonly object displayed;
    readonly MethodInfo update;

    KernelDisplay(object displayed, MethodInfo update) => (this.displayed, this.update) = (displayed, update);

    /// <summary>
    /// Shows <paramref name="text"/> in the output of the cell now running, or returns null when there is no kernel
    /// (plain .NET, tests, a console) or it does not offer these members.
    /// </summary>
    public static KernelDisplay? TryShow(string text)
    {
        var kernel = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "Microsoft.DotNet.Interactive");
        var contextType = kernel?.GetType("Microsoft.DotNet.Interactive.KernelInvocationContext");
        var context = contextType?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        var display = kernel?.GetType("Microsoft.DotNet.Interactive.KernelInvocationContextExtensions")
            ?.GetMethod("Display", BindingFlags.Public | BindingFlags.Static, [contextType!, typeof(object), typeof(string[])]);
        if (context is null || display is null) return null;
        try
        {
            var displayed = display.Invoke(null, [context, text, new[] { "text/plain" }]);
            var update = displayed?.GetType().GetMethod("Update", [typeof(object)]);
            return displayed is null || update is null ? null : new KernelDisplay(displayed, update);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }

    /// <summary>Replaces the text shown.</summary>
    public void Update(string text) => update.Invoke(displayed, [text]);
}
