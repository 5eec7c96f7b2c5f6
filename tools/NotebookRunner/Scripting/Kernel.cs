using System.Text.Json.Nodes;
using NotebookRunner.Execution;
using NotebookRunner.Formatting;

namespace NotebookRunner.Scripting;

/// <summary>
/// The functions every cell can call without a <c>using</c>, as in a .NET Interactive C# kernel:
/// <c>display(value)</c> and <c>HTML(markup)</c>. The runner imports this class statically into every cell.
/// </summary>
public static class Kernel
{
    /// <summary>
    /// Shows <paramref name="value"/> as an output of the running cell, formatted by mime type (optionally only the
    /// <paramref name="mimeTypes"/> given; a string shown as "text/html" is taken as markup).
    /// </summary>
    public static DisplayedValue display(object? value, params string[] mimeTypes)
    {
        CellOutputs cell = CellOutputs.Current
                           ?? throw new InvalidOperationException("display() was called while no cell is running.");
        JsonObject output = cell.Display(MimeFormatter.Format(value, mimeTypes));
        return new DisplayedValue(output, mimeTypes);
    }

    /// <summary>Markup to be shown as HTML by <see cref="display"/> or as a cell's value.</summary>
    public static HtmlString HTML(string html) => new(html);
}

/// <summary><c>value.Display()</c>: the extension-method form of <see cref="Kernel.display"/>.</summary>
public static class DisplayExtensions
{
    /// <summary>Shows the value as an output of the running cell; see <see cref="Kernel.display"/>.</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => Kernel.display(value, mimeTypes);
}

/// <summary>A value already shown; <see cref="Update"/> replaces what that output shows (e.g. a progress line).</summary>
public sealed class DisplayedValue
{
    readonly JsonObject output;
    readonly string[] mimeTypes;

    internal DisplayedValue(JsonObject output, string[] mimeTypes)
    {
        this.output = output;
        this.mimeTypes = mimeTypes;
    }

    /// <summary>Shows <paramref name="value"/> in place of the earlier value.</summary>
    public void Update(object? value) => CellOutputs.Update(output, MimeFormatter.Format(value, mimeTypes));
}

/// <summary>HTML markup (from <see cref="Kernel.HTML"/>), displayed as text/html.</summary>
public sealed record HtmlString(string Html)
{
    public override string ToString() => Html;
}
