namespace GanCourse;

// How a Figure displays in a .NET Interactive kernel (VS Code Polyglot Notebooks, Jupyter's .net-csharp kernel),
// without the library referencing the kernel: the kernel's Formatter looks for an attribute *named*
// TypeFormatterSourceAttribute on a displayed type, creates its FormatterSourceType, calls CreateTypeFormatters() and
// uses each result's MimeType, Type and Format(object, TextWriter) by reflection; PreferredMimeTypes are the mime
// types every display of the type produces (dotnet/interactive, Formatter.TryRegisterFromConventionBasedFormatterSources).

/// <summary>The convention-based formatter-source attribute that .NET Interactive recognises by name.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[]? PreferredMimeTypes { get; set; }
}

/// <summary>Gives the kernel a plotly-JSON and an HTML formatter for <see cref="Figure"/>.</summary>
sealed class FigureFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new FigureFormatter(Figure.MimeType, f => f.ToJson()),
        new FigureFormatter("text/html", f => f.ToHtml()),
    ];
}

/// <summary>One mime type's formatter, in the shape the kernel's convention expects.</summary>
sealed class FigureFormatter(string mimeType, Func<Figure, string> format)
{
    public string MimeType { get; } = mimeType;

    public Type Type => typeof(Figure);

    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not Figure figure) return false;
        writer.Write(format(figure));
        return true;
    }
}
