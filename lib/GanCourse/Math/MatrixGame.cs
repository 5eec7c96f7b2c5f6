using System.Text;

namespace GanCourse;

/// <summary>
/// A two-player zero-sum game in normal form: entry [i, j] is the row player's payoff when the row player plays
/// row i and the column player plays column j; the column player receives the negative. The row player maximises,
/// the column player minimises. Payoffs are held as exact <see cref="Fraction"/>s.
/// </summary>
/// <example>
/// The lecture's game (Red picks a row, Blue a column):
/// <code>
/// var game = new MatrixGame(new[,] { { 30, -10, 20 }, { -10, 20, -20 } }, ["1", "2"], ["A", "B", "C"]);
/// var nash = game.SolveExactly(); // row (4/7, 3/7), column (0, 4/7, 3/7), value 20/7
/// </code>
/// </example>
/// <remarks>Introduced in notebook 04.</remarks>
public sealed class MatrixGame
{
    private readonly Fraction[,] payoffs;

    /// <summary>A game from integer payoffs to the row player.</summary>
    public MatrixGame(int[,] rowPayoffs, IReadOnlyList<string>? rowLabels = null, IReadOnlyList<string>? columnLabels = null)
        : this(Convert(rowPayoffs, v => (Fraction)v), rowLabels, columnLabels) { }

    /// <summary>A game from decimal payoffs to the row player; each is made exact with <see cref="Fraction.FromDouble"/> (0.1 is 1/10).</summary>
    public MatrixGame(double[,] rowPayoffs, IReadOnlyList<string>? rowLabels = null, IReadOnlyList<string>? columnLabels = null)
        : this(Convert(rowPayoffs, Fraction.FromDouble), rowLabels, columnLabels) { }

    /// <summary>A game from exact payoffs to the row player.</summary>
    public MatrixGame(Fraction[,] rowPayoffs, IReadOnlyList<string>? rowLabels = null, IReadOnlyList<string>? columnLabels = null)
    {
        Require.NotNull(rowPayoffs, nameof(rowPayoffs));
        if (rowPayoffs.GetLength(0) == 0 || rowPayoffs.GetLength(1) == 0)
            throw new ArgumentException(
                $"The payoff matrix is {rowPayoffs.GetLength(0)}x{rowPayoffs.GetLength(1)}: each player needs at least one strategy.", nameof(rowPayoffs));
        payoffs = (Fraction[,])rowPayoffs.Clone();
        RowLabels = Labels(rowLabels, Rows, i => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), nameof(rowLabels), "rows");
        ColumnLabels = Labels(columnLabels, Columns, j => j < 26 ? ((char)('A' + j)).ToString() : $"C{j + 1}", nameof(columnLabels), "columns");
    }

    /// <summary>Number of row strategies.</summary>
    public int Rows => payoffs.GetLength(0);

    /// <summary>Number of column strategies.</summary>
    public int Columns => payoffs.GetLength(1);

    /// <summary>Names of the rows (default "1", "2", ...).</summary>
    public IReadOnlyList<string> RowLabels { get; }

    /// <summary>Names of the columns (default "A", "B", ...).</summary>
    public IReadOnlyList<string> ColumnLabels { get; }

    /// <summary>The row player's payoff for row <paramref name="row"/> against column <paramref name="column"/>.</summary>
    public Fraction this[int row, int column] => payoffs[row, column];

    /// <summary>
    /// An exact Nash equilibrium (optimal mixed strategies and the value) by the simplex method on exact fractions,
    /// with Bland's rule so it always terminates. The method is exact for any size; exact arithmetic makes it slower
    /// than floating point, so it is meant for small games (up to a few dozen strategies per player).
    /// When a game has several equilibria, one of them is returned (all share the same value).
    /// </summary>
    public NashEquilibrium SolveExactly()
    {
        int m = Rows, n = Columns;
        // Shift payoffs so every entry is at least 1: the value becomes positive and the LP below is well posed.
        Fraction min = payoffs[0, 0];
        foreach (var a in payoffs) if (a < min) min = a;
        Fraction shift = Fraction.One - min;

        // Column player's LP: maximise Σ w_j subject to Σ_j B_ij w_j ≤ 1, w ≥ 0, with B = A + shift > 0.
        // Then value(B) = 1/Σw, y = w·value(B); the row player's strategy comes from the dual (slack reduced costs).
        int width = n + m + 1; // decision variables, slacks, right-hand side
        var t = new Fraction[m + 1, width];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++) t[i, j] = payoffs[i, j] + shift;
            t[i, n + i] = Fraction.One;
            t[i, width - 1] = Fraction.One;
        }
        for (int j = 0; j < n; j++) t[m, j] = -Fraction.One;
        var basis = new int[m];
        for (int i = 0; i < m; i++) basis[i] = n + i;

        while (true)
        {
            int enter = -1;
            for (int j = 0; j < width - 1; j++)
                if (t[m, j].Sign < 0) { enter = j; break; } // Bland: lowest index with negative reduced cost
            if (enter < 0) break;
            int leave = -1;
            Fraction best = default;
            for (int i = 0; i < m; i++)
            {
                if (t[i, enter].Sign <= 0) continue;
                var ratio = t[i, width - 1] / t[i, enter];
                if (leave < 0 || ratio < best || (ratio == best && basis[i] < basis[leave]))
                {
                    leave = i;
                    best = ratio;
                }
            }
            // B > 0, so every column has a positive entry and the LP is bounded: leave is always found.
            Pivot(t, leave, enter, m, width);
            basis[leave] = enter;
        }

        Fraction total = t[m, width - 1]; // Σw = Σu = 1/value(B) > 0
        Fraction valueB = Fraction.One / total;
        var column = new Fraction[n];
        for (int i = 0; i < m; i++)
            if (basis[i] < n) column[basis[i]] = t[i, width - 1] * valueB;
        var row = new Fraction[m];
        for (int i = 0; i < m; i++) row[i] = t[m, n + i] * valueB;
        return new NashEquilibrium(row, column, valueB - shift);
    }

    /// <summary>The row player's expected payoff xᵀ A y when the players mix with <paramref name="row"/> and <paramref name="column"/>.</summary>
    public Fraction ExpectedPayoff(IReadOnlyList<Fraction> row, IReadOnlyList<Fraction> column)
    {
        var perRow = RowPayoffs(column);
        CheckStrategy(row, Rows, nameof(row), "rows");
        Fraction sum = Fraction.Zero;
        for (int i = 0; i < Rows; i++) sum += row[i] * perRow[i];
        return sum;
    }

    /// <summary>The row player's expected payoff xᵀ A y for strategies given as doubles.</summary>
    public double ExpectedPayoff(IReadOnlyList<double> row, IReadOnlyList<double> column)
    {
        var perRow = RowPayoffs(column);
        CheckStrategy(row, Rows, nameof(row), "rows");
        double sum = 0;
        for (int i = 0; i < Rows; i++) sum += row[i] * perRow[i];
        return sum;
    }

    /// <summary>(A y)_i: the row player's expected payoff for each pure row against the column player's mix.</summary>
    public Fraction[] RowPayoffs(IReadOnlyList<Fraction> column)
    {
        CheckStrategy(column, Columns, nameof(column), "columns");
        var result = new Fraction[Rows];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++) result[i] += payoffs[i, j] * column[j];
        return result;
    }

    /// <summary>(A y)_i for a column mix given as doubles.</summary>
    public double[] RowPayoffs(IReadOnlyList<double> column)
    {
        CheckStrategy(column, Columns, nameof(column), "columns");
        var result = new double[Rows];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++) result[i] += payoffs[i, j].ToDouble() * column[j];
        return result;
    }

    /// <summary>(xᵀ A)_j: the row player's expected payoff for each pure column against the row player's mix (the column player wants it small).</summary>
    public Fraction[] ColumnPayoffs(IReadOnlyList<Fraction> row)
    {
        CheckStrategy(row, Rows, nameof(row), "rows");
        var result = new Fraction[Columns];
        for (int j = 0; j < Columns; j++)
            for (int i = 0; i < Rows; i++) result[j] += row[i] * payoffs[i, j];
        return result;
    }

    /// <summary>(xᵀ A)_j for a row mix given as doubles.</summary>
    public double[] ColumnPayoffs(IReadOnlyList<double> row)
    {
        CheckStrategy(row, Rows, nameof(row), "rows");
        var result = new double[Columns];
        for (int j = 0; j < Columns; j++)
            for (int i = 0; i < Rows; i++) result[j] += row[i] * payoffs[i, j].ToDouble();
        return result;
    }

    /// <summary>A pure row that maximises the row player's payoff against <paramref name="column"/> (the lowest index on ties).</summary>
    public int BestRowResponse(IReadOnlyList<Fraction> column)
    {
        var payoff = RowPayoffs(column);
        int best = 0;
        for (int i = 1; i < payoff.Length; i++) if (payoff[i] > payoff[best]) best = i;
        return best;
    }

    /// <summary>A pure column that minimises the row player's payoff against <paramref name="row"/> (the lowest index on ties).</summary>
    public int BestColumnResponse(IReadOnlyList<Fraction> row)
    {
        var payoff = ColumnPayoffs(row);
        int best = 0;
        for (int j = 1; j < payoff.Length; j++) if (payoff[j] < payoff[best]) best = j;
        return best;
    }

    /// <summary>
    /// True when neither player can gain by deviating: no pure row earns the row player more than xᵀ A y against y,
    /// and no pure column costs the row player less against x. Checked exactly.
    /// </summary>
    public bool IsEquilibrium(IReadOnlyList<Fraction> row, IReadOnlyList<Fraction> column)
    {
        var value = ExpectedPayoff(row, column);
        return RowPayoffs(column).All(p => p <= value) && ColumnPayoffs(row).All(p => p >= value);
    }

    /// <summary>The payoff table with labels, one row per line.</summary>
    public override string ToString()
    {
        var cells = new string[Rows + 1, Columns + 1];
        cells[0, 0] = "";
        for (int j = 0; j < Columns; j++) cells[0, j + 1] = ColumnLabels[j];
        for (int i = 0; i < Rows; i++)
        {
            cells[i + 1, 0] = RowLabels[i];
            for (int j = 0; j < Columns; j++) cells[i + 1, j + 1] = payoffs[i, j].ToString();
        }
        var widths = Enumerable.Range(0, Columns + 1).Select(j => Enumerable.Range(0, Rows + 1).Max(i => cells[i, j].Length)).ToArray();
        var sb = new StringBuilder();
        for (int i = 0; i <= Rows; i++)
        {
            for (int j = 0; j <= Columns; j++) sb.Append(j == 0 ? cells[i, j].PadRight(widths[j]) : "  " + cells[i, j].PadLeft(widths[j]));
            if (i < Rows) sb.AppendLine();
        }
        return sb.ToString();
    }

    private static void Pivot(Fraction[,] t, int pr, int pc, int m, int width)
    {
        var p = t[pr, pc];
        for (int j = 0; j < width; j++) t[pr, j] /= p;
        for (int i = 0; i <= m; i++)
        {
            if (i == pr || t[i, pc].Sign == 0) continue;
            var factor = t[i, pc];
            for (int j = 0; j < width; j++) t[i, j] -= factor * t[pr, j];
        }
    }

    private static void CheckStrategy(IReadOnlyList<Fraction> s, int count, string name, string what)
    {
        Require.NotNull(s, name);
        if (s.Count != count)
            throw new ArgumentException($"{name} has {s.Count} probabilities but the game has {count} {what}: give one probability per strategy.", name);
        Fraction sum = Fraction.Zero;
        for (int k = 0; k < count; k++)
        {
            if (s[k].Sign < 0) throw new ArgumentException($"{name}[{k}] = {s[k]}: probabilities must be non-negative.", name);
            sum += s[k];
        }
        if (sum != Fraction.One) throw new ArgumentException($"{name} sums to {sum}, not 1: a mixed strategy's probabilities must sum to 1.", name);
    }

    private static void CheckStrategy(IReadOnlyList<double> s, int count, string name, string what)
    {
        Require.NotNull(s, name);
        if (s.Count != count)
            throw new ArgumentException($"{name} has {s.Count} probabilities but the game has {count} {what}: give one probability per strategy.", name);
        double sum = 0;
        for (int k = 0; k < count; k++)
        {
            if (!(s[k] >= 0) || !double.IsFinite(s[k]))
                throw new ArgumentException($"{name}[{k}] = {Require.Show(s[k])}: probabilities must be finite and non-negative.", name);
            sum += s[k];
        }
        if (System.Math.Abs(sum - 1) > 1e-9)
            throw new ArgumentException($"{name} sums to {Require.Show(sum)}, not 1: a mixed strategy's probabilities must sum to 1.", name);
    }

    private static Fraction[,] Convert<T>(T[,] values, Func<T, Fraction> convert)
    {
        Require.NotNull(values, nameof(values));
        var result = new Fraction[values.GetLength(0), values.GetLength(1)];
        for (int i = 0; i < values.GetLength(0); i++)
            for (int j = 0; j < values.GetLength(1); j++) result[i, j] = convert(values[i, j]);
        return result;
    }

    private static IReadOnlyList<string> Labels(IReadOnlyList<string>? labels, int count, Func<int, string> fallback, string name, string what)
    {
        if (labels is null) return Enumerable.Range(0, count).Select(fallback).ToArray();
        if (labels.Count != count)
            throw new ArgumentException($"{name} has {labels.Count} names but the game has {count} {what}: give one name per strategy.", name);
        return labels.ToArray();
    }
}
