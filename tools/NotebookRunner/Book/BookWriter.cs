using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GanCourse;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Extensions.Mathematics;
using Markdig.Syntax;
using NotebookRunner.Execution;
using NotebookRunner.Notebooks;

namespace NotebookRunner.Book;

/// <summary>
/// Writes the HTML course book: index.html and one page per executed notebook, working offline. Markdown is rendered
/// (headings, lists, code, emphasis, links, tables), formulas are typeset by the book's local KaTeX, images are inline,
/// and charts are drawn by the book's one local copy of plotly.js. Both come from pinned npm packages
/// (<see cref="BookAssets"/>), and a page loads them only when it needs them.
/// </summary>
static class BookWriter
{
    /// <summary>The mime type of a plotly figure (what the course's Figure displays as).</summary>
    const string PlotlyMime = "application/vnd.plotly.v1+json";

    /// <summary>Markdown as Jupyter and VS Code render it: CommonMark with GitHub's tables, strikethrough, task lists and
    /// bare links, plus formulas. (Markdig's further extensions would read notebook text differently: generic attributes
    /// take <c>{...}</c> from a heading such as <c>### $p_{data}$</c>, <c>^...^</c> would become superscripts.)</summary>
    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
        .UseTaskLists()
        .UseAutoLinks()
        .Use<BookMath>()
        .Build();

    /// <summary>Writes the book into <paramref name="bookDir"/>; returns the path of its index page. Throws
    /// <see cref="NpmAssetException"/>, before writing anything, when KaTeX or plotly.js cannot be had.</summary>
    public static string Write(string bookDir, IReadOnlyList<RunEntry> entries) => Write(bookDir, entries, CoursePaths.CacheRoot);

    /// <summary>As <see cref="Write(string, IReadOnlyList{RunEntry})"/>, with the npm files cached under <paramref name="cacheRoot"/>.</summary>
    internal static string Write(string bookDir, IReadOnlyList<RunEntry> entries, string cacheRoot)
    {
        var pages = entries.Where(e => File.Exists(e.Output) && e.Result.Status != NotebookResult.Unreadable)
            .Select(e => (Entry: e, Notebook: Notebook.Load(e.Output), Body: new PageBody()))
            .ToList();
        foreach (var page in pages)
            foreach (Cell cell in page.Notebook.Cells) page.Body.Cell(cell);
        Action<string> copyAssets = BookAssets.Resolve(pages.Any(p => p.Body.Charts), pages.Any(p => p.Body.Math), cacheRoot);

        Directory.CreateDirectory(bookDir);
        File.WriteAllText(Path.Combine(bookDir, "book.css"), Css);
        copyAssets(bookDir);
        var titles = new Dictionary<RunEntry, string>();
        for (int at = 0; at < pages.Count; at++)
        {
            var (e, notebook, body) = pages[at];
            titles[e] = Title(notebook, e.Name);
            string nav = Nav(at > 0 ? pages[at - 1].Entry : null, at + 1 < pages.Count ? pages[at + 1].Entry : null);
            string html = nav + Status(e) + body.Html + nav;
            File.WriteAllText(Path.Combine(bookDir, e.Name + ".html"), Page(titles[e], html, body.Charts, body.Math));
        }

        var index = new StringBuilder("<h1>Course book</h1>\n<table class=\"contents\"><thead><tr><th>notebook</th><th>status</th><th>cells</th><th>time</th></tr></thead><tbody>\n");
        foreach (RunEntry e in entries)
        {
            string title = titles.TryGetValue(e, out string? t)
                ? $"<a href=\"{Attr(e.Name)}.html\">{H(t)}</a><br><small>{H(e.Name)}</small>"
                : H(e.Name);
            index.Append($"<tr><td>{title}</td><td class=\"status-{H(e.Result.Status)}\">{H(e.Result.Status)}</td>" +
                         $"<td>{e.Result.CellsRun}/{e.Result.CodeCells}</td><td>{e.Result.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s</td></tr>\n");
        }
        index.Append("</tbody></table>\n");
        string indexPath = Path.Combine(bookDir, "index.html");
        File.WriteAllText(indexPath, Page("Course book", index.ToString(), charts: false, math: false));
        return indexPath;
    }

    static string Title(Notebook notebook, string fallback)
    {
        foreach (Cell c in notebook.Cells.Where(c => c.Type == "markdown"))
            foreach (string line in c.Source.Split('\n'))
                if (line.StartsWith("# ", StringComparison.Ordinal)) return line[2..].Trim();
        return fallback;
    }

    static string Nav(RunEntry? previous, RunEntry? next) =>
        "<nav>" + (previous != null ? $"<a href=\"{Attr(previous.Name)}.html\">← {H(previous.Name)}</a> · " : "") +
        "<a href=\"index.html\">contents</a>" +
        (next != null ? $" · <a href=\"{Attr(next.Name)}.html\">{H(next.Name)} →</a>" : "") + "</nav>\n";

    static string Status(RunEntry e) => e.Result.Status == NotebookResult.Ok
        ? ""
        : $"<p class=\"run-status\">This notebook did not finish: {H(e.Result.Status)}: {H(e.Result.Error ?? "")}</p>\n";

    /// <summary>The cells of one page as HTML, and whether they hold formulas or charts.</summary>
    sealed class PageBody
    {
        readonly StringBuilder html = new();

        public string Html => html.ToString();
        public bool Math { get; private set; }
        public bool Charts { get; private set; }

        public void Cell(Cell cell)
        {
            switch (cell.Type)
            {
                case "markdown":
                    html.Append($"<div class=\"cell markdown\">{MarkdownHtml(cell.Source)}</div>\n");
                    break;
                case "code":
                    html.Append("<div class=\"cell code\">");
                    string count = cell.Json["execution_count"]?.ToString() ?? " ";
                    string duration = cell.Metadata["notebook_runner"]?["duration_seconds"] is JsonValue d
                        ? $"<span class=\"time\">{d.GetValue<double>().ToString("0.###", CultureInfo.InvariantCulture)} s</span>"
                        : "";
                    html.Append($"<div class=\"prompt\">In [{H(count)}]: {duration}</div>");
                    html.Append($"<pre class=\"source\"><code>{H(cell.Source)}</code></pre>");
                    if (cell.Json["outputs"] is JsonArray outputs)
                        foreach (JsonObject output in outputs.OfType<JsonObject>()) html.Append(Output(output));
                    html.Append("</div>\n");
                    break;
            }
        }

        string Output(JsonObject output)
        {
            switch (output["output_type"]?.GetValue<string>())
            {
                case "stream":
                    return $"<pre class=\"output stream {Attr(output["name"]?.GetValue<string>() ?? "")}\">{H(Text(output["text"]))}</pre>";
                case "error":
                    string traceback = output["traceback"] is JsonArray t ? string.Join("\n", t.Select(x => x?.GetValue<string>())) : "";
                    return $"<pre class=\"output error\"><b>{H(Text(output["ename"]))}: {H(Text(output["evalue"]))}</b>\n{H(traceback)}</pre>";
                case "display_data" or "execute_result" when output["data"] is JsonObject data:
                    return $"<div class=\"output\">{Data(data)}</div>";
                default:
                    return "";
            }
        }

        /// <summary>The richest representation the book can show, as a Jupyter front-end would choose it.</summary>
        string Data(JsonObject data)
        {
            if (Figure(data[PlotlyMime]) is JsonObject figure) return Chart(figure);
            if (data["text/html"] is { } html) return Text(html);
            if (data["image/svg+xml"] is { } svg) return Text(svg);
            if (data["image/png"] is { } png) return $"<img src=\"data:image/png;base64,{Text(png).Replace("\n", "")}\">";
            if (data["image/jpeg"] is { } jpeg) return $"<img src=\"data:image/jpeg;base64,{Text(jpeg).Replace("\n", "")}\">";
            if (data["text/markdown"] is { } md) return MarkdownHtml(Text(md));
            if (data["text/plain"] is { } plain) return $"<pre>{H(Text(plain))}</pre>";
            return "";
        }

        /// <summary>A plotly figure: a JSON object, or a string holding one (as .NET Interactive's Jupyter bridge sends
        /// it); null for anything else, so the output's other representations are shown.</summary>
        static JsonObject? Figure(JsonNode? value)
        {
            if (value is JsonObject figure) return figure;
            if (value is not JsonValue text || !text.TryGetValue(out string? json)) return null;
            try { return JsonNode.Parse(json) as JsonObject; }
            catch (JsonException) { return null; }
        }

        string MarkdownHtml(string markdown)
        {
            MarkdownDocument document = Markdig.Markdown.Parse(markdown, Markdown);
            Math |= document.Descendants<MathInline>().Any() || document.Descendants<MathBlock>().Any();
            return document.ToHtml(Markdown);
        }

        int chartCount;

        /// <summary>A div and the script drawing the plotly figure into it with the page's plotly.js. The figure's JSON
        /// is written with System.Text.Json's default escaping (&lt; as \u003C), so it cannot end the script early.</summary>
        string Chart(JsonObject figure)
        {
            Charts = true;
            string id = $"chart-{++chartCount}";
            return $$"""
                <div id="{{id}}" class="plotly-chart"></div>
                <script>(function () { var figure = {{figure.ToJsonString()}}; Plotly.newPlot('{{id}}', figure.data, figure.layout, figure.config); })();</script>
                """;
        }
    }

    /// <summary>nbformat text: a string or a list of lines.</summary>
    static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue v => v.ToString(),
        _ => "",
    };

    /// <summary>A page; one with charts loads plotly.js, one with formulas loads KaTeX and typesets them at its end.</summary>
    static string Page(string title, string body, bool charts, bool math) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{H(title)}</title>
        <link rel="stylesheet" href="book.css">
        {(math ? $"<link rel=\"stylesheet\" href=\"{BookAssets.KatexStyle}\">\n<script src=\"{BookAssets.KatexScript}\"></script>" : "")}
        {(charts ? $"<script src=\"{BookAssets.PlotlyScript}\"></script>" : "")}
        </head>
        <body>
        <main>
        {body}
        </main>
        {(math ? TypesetScript : "")}
        </body>
        </html>

        """;

    /// <summary>Typesets every formula in place; one KaTeX cannot parse is shown as its source, in red, with the error
    /// as its tooltip.</summary>
    const string TypesetScript = $$"""
        <script>
        document.querySelectorAll('{{BookMath.Selector}}').forEach(function (e) {
          katex.render(e.textContent, e, { displayMode: e.classList.contains('display'), throwOnError: false });
        });
        </script>
        """;

    static string H(string text) => WebUtility.HtmlEncode(text);

    static string Attr(string text) => Uri.EscapeDataString(text);

    const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.5; color: #222; background: #fff; margin: 0; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem 2rem 4rem; }
        nav { margin: 1rem 0; font-size: 0.9rem; }
        a { color: #0b62a4; }
        .cell { margin: 1rem 0; }
        .cell.code { border-left: 3px solid #d0d7de; padding-left: 0.75rem; }
        .prompt { font: 0.75rem monospace; color: #888; }
        .prompt .time { margin-left: 1em; }
        pre { background: #f6f8fa; padding: 0.6rem 0.8rem; overflow-x: auto; font-size: 0.85rem; border-radius: 4px; }
        pre.source { background: #f3f4f8; }
        pre.output { background: #fff; border: 1px solid #eee; }
        pre.stderr { background: #fff8e6; }
        pre.error { background: #fdecec; color: #8b0000; }
        .output { margin: 0.4rem 0; overflow-x: auto; }
        table { border-collapse: collapse; margin: 0.5rem 0; }
        th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
        .math.display { display: block; overflow-x: auto; overflow-y: hidden; }
        .run-status { background: #fdecec; padding: 0.5rem; }
        .status-ok { color: #1a7f37; }
        .status-failed, .status-crashed, .status-timeout, .status-unreadable { color: #cf222e; }
        img { max-width: 100%; }
        """;
}
