using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanCourse;

/// <summary>
/// A chart: plotly.js traces, layout and config, exactly as plotly.js reads them (attribute names from the plotly.js
/// reference). Every <see cref="Plot"/> method returns one. In a .NET Interactive notebook (VS Code, Jupyter) it displays
/// as <c>application/vnd.plotly.v1+json</c>, which the front-end draws natively and offline, plus a <c>text/html</c>
/// fallback; outside a kernel, <see cref="ToJson"/> and <see cref="ToStandaloneHtml"/> give the same chart.
/// </summary>
/// <remarks>Introduced in notebook 05.</remarks>
[TypeFormatterSource(typeof(FigureFormatterSource), PreferredMimeTypes = [MimeType, "text/html"])]
public sealed class Figure
{
    /// <summary>The mime type of a plotly figure, drawn by VS Code's and JupyterLab's plotly renderers.</summary>
    public const string MimeType = "application/vnd.plotly.v1+json";

    static readonly JsonSerializerOptions Json = new() { Converters = { new FiniteDoubleConverter() } };
    static int htmlIds;

    readonly List<Dictionary<string, object>> data;
    readonly Dictionary<string, object> layout;
    readonly Dictionary<string, object> config;

    internal Figure(IEnumerable<Dictionary<string, object>> data, Dictionary<string, object> layout, Dictionary<string, object> config)
    {
        this.data = data.ToList();
        this.layout = layout;
        this.config = config;
    }

    /// <summary>The traces (plotly.js <c>data</c>), in drawing order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object>> Data => data;

    /// <summary>The plotly.js <c>layout</c> (title, axes, legend, size, ...).</summary>
    public IReadOnlyDictionary<string, object> Layout => layout;

    /// <summary>The plotly.js <c>config</c> (toolbar, responsiveness).</summary>
    public IReadOnlyDictionary<string, object> Config => config;

    /// <summary>The chart's title (layout.title.text), or null.</summary>
    public string? Title =>
        layout.TryGetValue("title", out var title) && title is IReadOnlyDictionary<string, object> t && t.TryGetValue("text", out var text)
            ? text as string
            : null;

    /// <summary>The figure as plotly.js JSON: <c>{"data": [...], "layout": {...}, "config": {...}}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object> { ["data"] = data, ["layout"] = layout, ["config"] = config }, Json);

    /// <summary>
    /// An HTML fragment that draws the figure with plotly.js: the first fragment made in a process carries plotly.js
    /// itself (from the pinned npm package, cached), later ones reuse it, so a notebook holds one copy, not one per chart.
    /// When plotly.js cannot be had, the fragment says why instead of drawing.
    /// </summary>
    public string ToHtml()
    {
        string id = $"gan-course-figure-{Environment.ProcessId}-{Interlocked.Increment(ref htmlIds)}";
        string library = "";
        if (!plotlyEmbedded)
        {
            try
            {
                library = ScriptWithoutAmd(NpmAsset.PlotlyJs.ReadText("plotly.min.js"));
                plotlyEmbedded = true;
            }
            catch (NpmAssetException e)
            {
                library = $"<pre>plotly.js is not available, so this chart is not drawn here: {WebUtility.HtmlEncode(e.Message)}</pre>";
            }
        }
        return $"""
            {library}<div id="{id}" style="width:100%"></div>
            <script>(function () {"{"}
              var draw = function () {"{"} var f = {ToJson()}; window.Plotly.newPlot("{id}", f.data, f.layout, f.config); {"}"};
              if (window.Plotly) draw(); else {"{"} var tries = 0; var wait = setInterval(function () {"{"}
                if (window.Plotly || ++tries > 200) {"{"} clearInterval(wait); if (window.Plotly) draw(); {"}"} {"}"}, 50); {"}"}
            {"}"})();</script>
            """;
    }

    static bool plotlyEmbedded;

    /// <summary>Makes the next <see cref="ToHtml"/> carry plotly.js again (a new page, or a test).</summary>
    internal static void ForgetEmbeddedPlotly() => plotlyEmbedded = false;

    /// <summary>
    /// A complete HTML page with plotly.js inlined (about 4.8 MB), which opens in any browser without a network.
    /// </summary>
    public string ToStandaloneHtml() => $"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(Title ?? "chart")}</title>
        <script>{NpmAsset.PlotlyJs.ReadText("plotly.min.js")}</script></head>
        <body><div id="figure"></div>
        <script>var f = {ToJson()}; Plotly.newPlot("figure", f.data, f.layout, f.config);</script>
        </body></html>
        """;

    /// <summary>Writes <see cref="ToStandaloneHtml"/> to <paramref name="path"/> (creating its folder); returns the full path.</summary>
    public string SaveHtml(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string html = ToStandaloneHtml();
        AtomicFile.Write(full, s => s.Write(System.Text.Encoding.UTF8.GetBytes(html)));
        return full;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Figure \"{Title ?? "untitled"}\" ({data.Count} trace{(data.Count == 1 ? "" : "s")})";

    /// <summary>
    /// plotly.min.js registers itself as an AMD module when a page has require.js (classic Jupyter does) and then never
    /// sets window.Plotly; hiding <c>define</c> while it loads makes it a plain global everywhere.
    /// </summary>
    static string ScriptWithoutAmd(string plotly) =>
        "<script>window.__ganCourseDefine = window.define; window.define = undefined;</script>" +
        $"<script>{plotly}</script>" +
        "<script>window.define = window.__ganCourseDefine;</script>";

    /// <summary>Writes NaN and ±∞ as null (a gap in plotly.js), keeping the JSON valid.</summary>
    sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}
