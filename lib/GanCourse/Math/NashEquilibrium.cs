namespace GanCourse;

/// <summary>
/// A mixed-strategy Nash equilibrium of a two-player zero-sum <see cref="MatrixGame"/>, in exact fractions:
/// the row player's and the column player's probabilities for each pure strategy, and the value of the game
/// (the row player's expected payoff; the column player gets its negative).
/// </summary>
public sealed class NashEquilibrium
{
    internal NashEquilibrium(Fraction[] row, Fraction[] column, Fraction value)
    {
        Row = row;
        Column = column;
        Value = value;
    }

    /// <summary>The row player's mixed strategy (probabilities of rows 1..m).</summary>
    public IReadOnlyList<Fraction> Row { get; }

    /// <summary>The column player's mixed strategy (probabilities of columns 1..n).</summary>
    public IReadOnlyList<Fraction> Column { get; }

    /// <summary>The value of the game to the row player.</summary>
    public Fraction Value { get; }

    /// <summary>The row player's strategy as doubles (for plots).</summary>
    public double[] RowAsDoubles() => Row.Select(f => f.ToDouble()).ToArray();

    /// <summary>The column player's strategy as doubles (for plots).</summary>
    public double[] ColumnAsDoubles() => Column.Select(f => f.ToDouble()).ToArray();

    /// <summary>e.g. "row (4/7, 3/7), column (0, 4/7, 3/7), value 20/7".</summary>
    public override string ToString() =>
        $"row ({string.Join(", ", Row)}), column ({string.Join(", ", Column)}), value {Value}";
}
