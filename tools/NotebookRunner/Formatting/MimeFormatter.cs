using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using NotebookRunner.Scripting;

namespace NotebookRunner.Formatting;

/// <summary>
/// Turns a displayed value into nbformat mime bundles, as .NET Interactive would: Plotly.NET charts as HTML plus
/// <c>application/vnd.plotly.v1+json</c>, TorchSharp tensors as text, PNG bytes as images, collections as tables, any
/// other object as text and HTML. Plotly.NET and TorchSharp are recognised by type name, so the runner does not
/// reference them (a notebook's own versions are the only copies loaded).
/// </summary>
static class MimeFormatter
{
    public const string PlotlyMime = "application/vnd.plotly.v1+json";
    const int MaxItems = 100;

    public static JsonObject Format(object? value, IReadOnlyCollection<string> mimeTypes)
    {
        if (mimeTypes.Count > 0 && value is string text)
            return Bundle(mimeTypes.Select(m => (m, (JsonNode)text)).ToArray()); // display("<b>x</b>", "text/html")
        JsonObject bundle = Format(value);
        if (mimeTypes.Count == 0) return bundle;
        var chosen = new JsonObject();
        foreach (string mime in mimeTypes)
            if (bundle[mime] is { } node) chosen[mime] = node.DeepClone();
        if (chosen.Count == 0)
            throw new ArgumentException(
                $"cannot display a {value?.GetType().Name ?? "null"} as {string.Join(", ", mimeTypes)}; it can be shown as {string.Join(", ", bundle.Select(p => p.Key))}.");
        return chosen;
    }

    static JsonObject Format(object? value)
    {
        switch (value)
        {
            case null: return Bundle(("text/plain", "<null>"));
            case HtmlString html: return Bundle(("text/html", html.Html));
            case string s: return Bundle(("text/plain", s), ("text/html", $"<pre>{Html(s)}</pre>"));
            case byte[] png when IsPng(png):
                return Bundle(("image/png", Convert.ToBase64String(png)), ("text/plain", $"<PNG image, {png.Length} bytes>"));
        }
        Type type = value.GetType();
        if (IsA(type, "Plotly.NET.GenericChart")) return PlotlyChart.Format(value);
        if (IsA(type, "GanCourse.Figure")) return CourseFigure(value);
        if (IsTensor(type)) return Bundle(("text/plain", Tensor(value)));
        if (IsScalar(value)) return Bundle(("text/plain", Scalar(value)), ("text/html", Html(Scalar(value))));
        if (value is IDictionary dictionary) return Dictionary(dictionary);
        if (value is IEnumerable sequence) return Sequence(sequence);
        return Bundle(("text/plain", Plain(value)), ("text/html", ObjectTable(value)));
    }

    /// <summary>The course's figure type, as the kernel shows it: its plotly JSON and its HTML (found by reflection).</summary>
    static JsonObject CourseFigure(object figure)
    {
        string Call(string method) => (string)figure.GetType().GetMethod(method, Type.EmptyTypes)!.Invoke(figure, null)!;
        return Bundle((PlotlyMime, JsonNode.Parse(Call("ToJson"))!), ("text/html", Call("ToHtml")));
    }

    static JsonObject Bundle(params (string Mime, JsonNode Value)[] entries)
    {
        var o = new JsonObject();
        foreach (var (mime, node) in entries) o[mime] = node;
        return o;
    }

    static bool IsA(Type? type, string fullName)
    {
        for (; type != null; type = type.BaseType)
            if (type.FullName == fullName) return true;
        return false;
    }

    static bool IsTensor(Type type) => IsA(type, "TorchSharp.torch+Tensor");

    static bool IsPng(byte[] b) => b.Length > 8 && b[0] == 0x89 && b[1] == (byte)'P' && b[2] == (byte)'N' && b[3] == (byte)'G';

    static bool IsScalar(object value) =>
        value is IConvertible or IFormattable or Enum or Guid or TimeSpan or Uri or Type or Exception;

    static string Scalar(object value) => value switch
    {
        Exception e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    const int MaxTensorLines = 40;

    /// <summary>A tensor's shape, dtype, device and values in TorchSharp's Julia style (TorchSharp abbreviates long
    /// rows; the runner keeps the first <see cref="MaxTensorLines"/> lines).</summary>
    static string Tensor(object tensor)
    {
        string text = TensorText(tensor);
        string[] lines = text.Split('\n');
        return lines.Length <= MaxTensorLines
            ? text
            : string.Join("\n", lines.Take(MaxTensorLines)) + $"\n… ({lines.Length - MaxTensorLines} more lines)";
    }

    static string TensorText(object tensor)
    {
        MethodInfo? toString = tensor.GetType().GetMethods().FirstOrDefault(m =>
            m.Name == "ToString" && m.GetParameters() is [{ ParameterType.IsEnum: true } p0, ..] && p0.ParameterType.Name == "TensorStringStyle");
        if (toString == null) return tensor.ToString() ?? "";
        object julia = Enum.Parse(toString.GetParameters()[0].ParameterType, "Julia");
        object?[] args = toString.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : null).ToArray();
        args[0] = julia;
        int culture = Array.FindIndex(toString.GetParameters(), p => p.ParameterType == typeof(CultureInfo));
        if (culture >= 0) args[culture] = CultureInfo.InvariantCulture;
        int newLine = Array.FindIndex(toString.GetParameters(), p => p.Name == "newLine");
        if (newLine >= 0) args[newLine] = "\n";
        return (string)toString.Invoke(tensor, args)!;
    }

    /// <summary>ToString when the type overrides it (records do), else the public properties.</summary>
    static string Plain(object value)
    {
        Type type = value.GetType();
        MethodInfo toString = type.GetMethod(nameof(ToString), Type.EmptyTypes)!;
        if (toString.DeclaringType != typeof(object) && toString.DeclaringType != typeof(ValueType))
            return value.ToString() ?? "";
        var members = Members(type);
        return members.Count == 0
            ? TypeName(type)
            : $"{TypeName(type)} {{ {string.Join(", ", members.Select(m => $"{m.Name} = {Cell(Read(m, value))}"))} }}";
    }

    static JsonObject Dictionary(IDictionary dictionary)
    {
        var rows = new List<DictionaryEntry>();
        for (IDictionaryEnumerator e = dictionary.GetEnumerator(); e.MoveNext() && rows.Count < MaxItems;) rows.Add(e.Entry);
        string more = dictionary.Count > MaxItems ? $"… ({dictionary.Count - MaxItems} more)" : "";
        string plain = $"{TypeName(dictionary.GetType())} ({dictionary.Count} entries)\n"
                       + string.Concat(rows.Select(r => $"  {Cell(r.Key)}: {Cell(r.Value)}\n")) + (more.Length > 0 ? "  " + more + "\n" : "");
        var html = new StringBuilder("<table><thead><tr><th>key</th><th>value</th></tr></thead><tbody>");
        foreach (DictionaryEntry r in rows) html.Append($"<tr><td>{Html(Cell(r.Key))}</td><td>{Html(Cell(r.Value))}</td></tr>");
        html.Append("</tbody></table>").Append(more.Length > 0 ? $"<p>{Html(more)}</p>" : "");
        return Bundle(("text/plain", plain.TrimEnd('\n')), ("text/html", html.ToString()));
    }

    /// <summary>A collection: a list as text; as HTML a table with one column per property when the items are objects
    /// (records, anonymous types), else an index/value table.</summary>
    static JsonObject Sequence(IEnumerable sequence)
    {
        var items = new List<object?>();
        int total = 0;
        foreach (object? item in sequence)
        {
            if (total++ < MaxItems) items.Add(item);
            else if (total > 100_000) break;
        }
        string count = total > 100_000 ? "over 100000" : total.ToString(CultureInfo.InvariantCulture);
        string more = total > MaxItems ? $"… ({(total > 100_000 ? "many" : (total - MaxItems).ToString(CultureInfo.InvariantCulture))} more)" : "";
        string plain = $"{TypeName(sequence.GetType())} ({count} items): [{string.Join(", ", items.Select(Cell))}{(more.Length > 0 ? ", " + more : "")}]";

        var itemTypes = items.Where(i => i != null).Select(i => i!.GetType()).Distinct().ToList();
        List<MemberInfo> columns = itemTypes.Count == 1 && !IsScalar(items.First(i => i != null)!) && !IsTensor(itemTypes[0])
                                   && items.First(i => i != null) is not IEnumerable
            ? Members(itemTypes[0])
            : [];
        var html = new StringBuilder("<table><thead><tr><th><i>index</i></th>");
        if (columns.Count > 0) foreach (MemberInfo c in columns) html.Append($"<th>{Html(c.Name)}</th>");
        else html.Append("<th>value</th>");
        html.Append("</tr></thead><tbody>");
        for (int i = 0; i < items.Count; i++)
        {
            html.Append($"<tr><td>{i}</td>");
            if (columns.Count > 0) foreach (MemberInfo c in columns) html.Append($"<td>{Html(Cell(items[i] == null ? null : Read(c, items[i]!)))}</td>");
            else html.Append($"<td>{Html(Cell(items[i]))}</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>").Append(more.Length > 0 ? $"<p>{Html(more)}</p>" : "");
        return Bundle(("text/plain", plain), ("text/html", html.ToString()));
    }

    static string ObjectTable(object value)
    {
        var members = Members(value.GetType());
        if (members.Count == 0) return $"<pre>{Html(Plain(value))}</pre>";
        var html = new StringBuilder($"<table><caption>{Html(TypeName(value.GetType()))}</caption><tbody>");
        foreach (MemberInfo m in members) html.Append($"<tr><th>{Html(m.Name)}</th><td>{Html(Cell(Read(m, value)))}</td></tr>");
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>A short one-line form of a value inside a table or list.</summary>
    static string Cell(object? value) => value switch
    {
        null => "<null>",
        string s => s,
        _ when IsTensor(value.GetType()) => value.ToString() ?? "", // TorchSharp's default: shape, dtype, device
        _ when IsScalar(value) => Scalar(value),
        IEnumerable e => $"[{string.Join(", ", e.Cast<object?>().Take(10).Select(x => x?.ToString()))}{(e.Cast<object?>().Skip(10).Any() ? ", …" : "")}]",
        _ => value.ToString() ?? "",
    };

    static List<MemberInfo> Members(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"
                        && !p.PropertyType.IsByRefLike && !p.PropertyType.IsPointer)
            .Cast<MemberInfo>()
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            .ToList();

    static object? Read(MemberInfo member, object target)
    {
        try
        {
            return member switch
            {
                PropertyInfo p => p.GetValue(target),
                FieldInfo f => f.GetValue(target),
                _ => null,
            };
        }
        catch (Exception e) when (e is TargetInvocationException or NotSupportedException or InvalidOperationException)
        {
            return $"<{(e.InnerException ?? e).GetType().Name}>";
        }
    }

    static string TypeName(Type type)
    {
        if (type.IsArray) return TypeName(type.GetElementType()!) + "[]";
        if (!type.IsGenericType) return type.Name;
        string name = type.Name;
        int tick = name.IndexOf('`');
        if (tick > 0) name = name[..tick];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }

    public static string Html(string text) => WebUtility.HtmlEncode(text);
}
