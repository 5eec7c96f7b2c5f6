using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace NotebookRunner.Book;

/// <summary>
/// LaTeX in markdown, read the way Jupyter and VS Code read it: <c>$...$</c> and <c>\(...\)</c> inline,
/// <c>$$...$$</c> and <c>\[...\]</c> displayed, each possibly over several lines of a paragraph (Markdig's own inline
/// math keeps to one line, and plain markdown would unescape the brackets to parentheses); a <c>$$</c> block on lines of
/// its own stays Markdig's. A formula's text is kept verbatim, so markdown never reads its <c>_</c>, <c>*</c> or
/// <c>{...}</c>, and is written as <c>&lt;span class="math inline"&gt;</c> or <c>&lt;span|div class="math display"&gt;</c>
/// holding only the LaTeX, for KaTeX to typeset in the page. A <c>$</c> opens a formula only after a space or
/// punctuation and before a non-space, and closes it only after a non-space and before no digit, so prices ($5 and
/// $10) stay text.
/// </summary>
sealed class BookMath : IMarkdownExtension
{
    /// <summary>The CSS selector of the elements whose text is a formula.</summary>
    public const string Selector = ".math.inline, .math.display";

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<MathBlockParser>()) pipeline.BlockParsers.Insert(0, new MathBlockParser());
        if (!pipeline.InlineParsers.Contains<FormulaParser>()) pipeline.InlineParsers.InsertBefore<EscapeInlineParser>(new FormulaParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html) return;
        if (!html.ObjectRenderers.Contains<InlineRenderer>()) html.ObjectRenderers.Insert(0, new InlineRenderer());
        if (!html.ObjectRenderers.Contains<BlockRenderer>()) html.ObjectRenderers.Insert(0, new BlockRenderer());
    }

    /// <summary>Formulas inside a paragraph, in any of the four delimiter forms.</summary>
    sealed class FormulaParser : InlineParser
    {
        public FormulaParser() => OpeningCharacters = ['$', '\\'];

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            if (Find(slice.Text, slice.Start, slice.End, slice.PeekCharExtra(-1)) is not var (start, end, next, display)) return false;
            processor.Inline = new MathInline
            {
                Span = new(processor.GetSourcePosition(slice.Start, out int line, out int column), processor.GetSourcePosition(next - 1)),
                Line = line,
                Column = column,
                Delimiter = slice.CurrentChar,
                DelimiterCount = display ? 2 : 1,
                Content = new StringSlice(slice.Text, start, end - 1),
            };
            slice.Start = next;
            return true;
        }

        /// <summary>The formula opening at <paramref name="text"/>[<paramref name="at"/>] (the paragraph ends at
        /// <paramref name="last"/>; <paramref name="before"/> precedes it): where its LaTeX starts and ends, where the
        /// text after its closing delimiter starts, and whether it is displayed; null when none opens there.</summary>
        static (int Start, int End, int Next, bool Display)? Find(string text, int at, int last, char before)
        {
            char after = at < last ? text[at + 1] : '\0';
            if (text[at] == '\\')
            {
                if (after is not ('(' or '[')) return null; // another escape, read by markdown
                int close = IndexOf(text, after == '(' ? @"\)" : @"\]", at + 2, last);
                return close < 0 ? null : (at + 2, close, close + 2, after == '[');
            }
            if (before == '$') return null;
            if (after == '$')
            {
                int close = IndexOf(text, "$$", at + 2, last);
                return close < 0 || text.AsSpan(at + 2, close - at - 2).IsWhiteSpace() ? null : (at + 2, close, close + 2, true);
            }
            if (!(before == '\0' || char.IsWhiteSpace(before) || char.IsPunctuation(before) || char.IsSymbol(before)) ||
                after == '\0' || char.IsWhiteSpace(after))
                return null;
            int end = IndexOf(text, "$", at + 1, last);
            if (end < 0 || char.IsWhiteSpace(text[end - 1]) || (end < last && char.IsDigit(text[end + 1]))) return null;
            return (at + 1, end, end + 1, false);
        }

        /// <summary>The first <paramref name="delimiter"/> in text[from..last] not escaped by a backslash, or -1.</summary>
        static int IndexOf(string text, string delimiter, int from, int last)
        {
            for (int i = from; i + delimiter.Length - 1 <= last; i++)
            {
                if (string.CompareOrdinal(text, i, delimiter, 0, delimiter.Length) == 0) return i;
                if (text[i] == '\\') i++; // an escaped character (\$, \\, \{) is LaTeX, never a delimiter
            }
            return -1;
        }
    }

    /// <summary>Inline math: one delimiter (<c>$</c>, <c>\(</c>) is inline, two (<c>$$</c>, <c>\[</c>) displayed.</summary>
    sealed class InlineRenderer : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline math)
        {
            renderer.Write(math.DelimiterCount == 1 ? "<span class=\"math inline\">" : "<span class=\"math display\">");
            renderer.WriteEscape(ref math.Content);
            renderer.Write("</span>");
        }
    }

    /// <summary>A <c>$$</c> block on lines of its own.</summary>
    sealed class BlockRenderer : HtmlObjectRenderer<MathBlock>
    {
        protected override void Write(HtmlRenderer renderer, MathBlock math)
        {
            renderer.EnsureLine();
            renderer.Write("<div class=\"math display\">");
            renderer.WriteLeafRawLines(math, writeEndOfLines: true, escape: true);
            renderer.WriteLine("</div>");
        }
    }
}
