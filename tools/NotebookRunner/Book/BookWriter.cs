using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Markdig;
using NotebookRunner.Execution;
using NotebookRunner.Notebooks;

namespace NotebookRunner.Book;

/// <summary>
/// Writes the HTML course book: index.html and one page per executed notebook, working offline. Markdown is rendered
/// (headings, lists, code, emphasis, links, tables; LaTeX stays as text), images are inline, and a chart is its own
/// HTML (the kernel's text/html of the course's Figure, which carries plotly.js in the first chart of a notebook).
/// </summary>
static class BookWriter
{
    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>Writes the book into <paramref name="bookDir"/>; returns the path of its index page.</summary>
    public static string Write(string bookDir, IReadOnlyList<RunEntry> entries)
    {
        Directory.CreateDirectory(bookDir);
        File.WriteAllText(Path.Combine(bookDir, "book.css"), Css);

        var pages = entries.Where(e => File.Exists(e.Output) && e.Result.Status != NotebookResult.Unreadable).ToList();
        var titles = new Dictionary<RunEntry, string>();
        foreach (RunEntry e in pages)
        {
            Notebook notebook = Notebook.Load(e.Output);
            titles[e] = Title(notebook, e.Name);
            int at = pages.IndexOf(e);
            string nav = Nav(at > 0 ? pages[at - 1] : null, at + 1 < pages.Count ? pages[at + 1] : null);
            var body = new StringBuilder(nav);
            body.Append(Status(e));
            foreach (Cell cell in notebook.Cells) body.Append(RenderCell(cell));
            body.Append(nav);
            File.WriteAllText(Path.Combine(bookDir, e.Name + ".html"), Page(titles[e], body.ToString()));
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
        File.WriteAllText(indexPath, Page("Course book", index.ToString()));
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

    static string RenderCell(Cell cell)
    {
        switch (cell.Type)
        {
            case "markdown":
                return $"<div class=\"cell markdown\">{Markdig.Markdown.ToHtml(cell.Source, Markdown)}</div>\n";
            case "code":
                var sb = new StringBuilder("<div class=\"cell code\">");
                string count = cell.Json["execution_count"]?.ToString() ?? " ";
                string duration = cell.Metadata["notebook_runner"]?["duration_seconds"] is JsonValue d
                    ? $"<span class=\"time\">{d.GetValue<double>().ToString("0.###", CultureInfo.InvariantCulture)} s</span>"
                    : "";
                sb.Append($"<div class=\"prompt\">In [{H(count)}]: {duration}</div>");
                sb.Append($"<pre class=\"source\"><code>{H(cell.Source)}</code></pre>");
                if (cell.Json["outputs"] is JsonArray outputs)
                    foreach (JsonObject output in outputs.OfType<JsonObject>()) sb.Append(RenderOutput(output));
                return sb.Append("</div>\n").ToString();
            default:
                return "";
        }
    }

    static string RenderOutput(JsonObject output)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                return $"<pre class=\"output stream {Attr(output["name"]?.GetValue<string>() ?? "")}\">{H(Text(output["text"]))}</pre>";
            case "error":
                string traceback = output["traceback"] is JsonArray t ? string.Join("\n", t.Select(x => x?.GetValue<string>())) : "";
                return $"<pre class=\"output error\"><b>{H(Text(output["ename"]))}: {H(Text(output["evalue"]))}</b>\n{H(traceback)}</pre>";
            case "display_data" or "execute_result" when output["data"] is JsonObject data:
                return $"<div class=\"output\">{RenderData(data)}</div>";
            default:
                return "";
        }
    }

    /// <summary>The richest representation the book can show, as a Jupyter front-end would choose it.</summary>
    static string RenderData(JsonObject data)
    {
        if (data["text/html"] is { } html) return Text(html);
        if (data["image/svg+xml"] is { } svg) return Text(svg);
        if (data["image/png"] is { } png) return $"<img src=\"data:image/png;base64,{Text(png).Replace("\n", "")}\">";
        if (data["image/jpeg"] is { } jpeg) return $"<img src=\"data:image/jpeg;base64,{Text(jpeg).Replace("\n", "")}\">";
        if (data["text/markdown"] is { } md) return Markdig.Markdown.ToHtml(Text(md), Markdown);
        if (data["text/plain"] is { } plain) return $"<pre>{H(Text(plain))}</pre>";
        return "";
    }

    /// <summary>nbformat text: a string or a list of lines.</summary>
    static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue v => v.ToString(),
        _ => "",
    };

    static string Page(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{H(title)}</title>
        <link rel="stylesheet" href="book.css">
        </head>
        <body>
        <main>
        {body}
        </main>
        </body>
        </html>

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
        .math { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", serif; }
        .run-status { background: #fdecec; padding: 0.5rem; }
        .status-ok { color: #1a7f37; }
        .status-failed, .status-crashed, .status-timeout, .status-unreadable { color: #cf222e; }
        img { max-width: 100%; }
        """;
}
