using System.Reflection;
using System.Text.Json.Nodes;

namespace NotebookRunner.Formatting;

/// <summary>
/// Formats a Plotly.NET <c>GenericChart</c> (found by reflection) as <c>application/vnd.plotly.v1+json</c>, which
/// Jupyter front-ends draw natively, and as HTML: a div and a script that draws it with the page's Plotly. plotly.js
/// is not inlined per chart: the script loads it at most once per page, and only where the page lacks it (the HTML
/// book provides a local copy, so it never loads anything).
/// </summary>
static class PlotlyChart
{
    public static JsonObject Format(object chart)
    {
        Type type = chart.GetType();
        while (type.FullName != "Plotly.NET.GenericChart") type = type.BaseType!;
        string json = (string)type.GetMethod("toJson", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [chart])!;
        JsonNode figure = JsonNode.Parse(json)!;
        int traces = figure["data"] is JsonArray data ? data.Count : 0;
        return new JsonObject
        {
            ["text/html"] = Html(json, PlotlyJsVersion(type.Assembly)),
            [MimeFormatter.PlotlyMime] = figure,
            ["text/plain"] = $"Plotly chart ({traces} trace{(traces == 1 ? "" : "s")})",
        };
    }

    /// <summary>The plotly.js version Plotly.NET embeds and targets, e.g. "2.28.0".</summary>
    static string PlotlyJsVersion(Assembly plotly)
    {
        Type? globals = plotly.GetType("Plotly.NET.Globals");
        object? version = globals?.GetProperty("PLOTLYJS_VERSION", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
                          ?? globals?.GetField("PLOTLYJS_VERSION", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        return version as string ?? "2.28.0";
    }

    /// <summary>The HTML for one chart: a div and a script drawing <paramref name="figureJson"/> into it.</summary>
    public static string Html(string figureJson, string plotlyJsVersion)
    {
        string id = "plotly-" + Guid.NewGuid().ToString("N");
        string figure = figureJson.Replace("</", "<\\/", StringComparison.Ordinal); // never close the script early
        return $$"""
            <div id="{{id}}" class="plotly-chart"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{figure}};
              function draw() { Plotly.newPlot('{{id}}', figure.data, figure.layout, figure.config); }
              if (window.Plotly) { draw(); return; }
              var waiting = window.__plotlyWaiting = window.__plotlyWaiting || [];
              waiting.push(draw);
              if (waiting.length > 1) return;
              var script = document.createElement('script');
              script.src = 'https://cdn.plot.ly/plotly-{{plotlyJsVersion}}.min.js';
              script.onload = function () { waiting.splice(0).forEach(function (f) { f(); }); };
              document.head.appendChild(script);
            })();
            </script>
            """;
    }
}
