using Xunit;

namespace GanCourse.Tests.MathTests;

public class MatrixGameTests
{
    private static Fraction F(long n, long d = 1) => new(n, d);

    private static MatrixGame Lecture() =>
        new(new[,] { { 30, -10, 20 }, { -10, 20, -20 } }, ["1", "2"], ["A", "B", "C"]);

    [Fact]
    public void TheLecturesRedBlueGameIsSolvedExactly()
    {
        var nash = Lecture().SolveExactly();
        Assert.Equal([F(4, 7), F(3, 7)], nash.Row);
        Assert.Equal([F(0), F(4, 7), F(3, 7)], nash.Column);
        Assert.Equal(F(20, 7), nash.Value);
        Assert.Equal("row (4/7, 3/7), column (0, 4/7, 3/7), value 20/7", nash.ToString());
        Assert.Equal(4.0 / 7, nash.RowAsDoubles()[0], 15);
        Assert.Equal(3.0 / 7, nash.ColumnAsDoubles()[2], 15);
    }

    [Fact]
    public void MatchingPenniesIsAFairCoinFlip()
    {
        var nash = new MatrixGame(new[,] { { 1, -1 }, { -1, 1 } }).SolveExactly();
        Assert.Equal([F(1, 2), F(1, 2)], nash.Row);
        Assert.Equal([F(1, 2), F(1, 2)], nash.Column);
        Assert.Equal(Fraction.Zero, nash.Value);
    }

    [Fact]
    public void RockPaperScissorsIsUniform()
    {
        var rps = new MatrixGame(new[,] { { 0, -1, 1 }, { 1, 0, -1 }, { -1, 1, 0 } }, ["rock", "paper", "scissors"], ["rock", "paper", "scissors"]);
        var nash = rps.SolveExactly();
        Assert.All(nash.Row, p => Assert.Equal(F(1, 3), p));
        Assert.All(nash.Column, p => Assert.Equal(F(1, 3), p));
        Assert.Equal(Fraction.Zero, nash.Value);
    }

    [Fact]
    public void AGameWithASaddlePointHasAPureSolution()
    {
        // Row 1's worst case (2) equals column B's best case (2): (1, B) is a saddle point.
        var nash = new MatrixGame(new[,] { { 4, 2, 3 }, { 1, 0, 5 } }).SolveExactly();
        Assert.Equal([F(1), F(0)], nash.Row);
        Assert.Equal([F(0), F(1), F(0)], nash.Column);
        Assert.Equal(F(2), nash.Value);
    }

    [Fact]
    public void DecimalPayoffsGiveExactFractions()
    {
        // 2x2 without saddle point: x₁ = (d − c)/(a − b − c + d), y₁ = (d − b)/(...), value (ad − bc)/(...)
        var nash = new MatrixGame(new[,] { { 0.5, -0.1 }, { -0.2, 0.3 } }).SolveExactly();
        Assert.Equal([F(5, 11), F(6, 11)], nash.Row);
        Assert.Equal([F(4, 11), F(7, 11)], nash.Column);
        Assert.Equal(F(13, 110), nash.Value);
    }

    public static TheoryData<string, MatrixGame> Games()
    {
        var data = new TheoryData<string, MatrixGame>
        {
            { "lecture", Lecture() },
            { "all zero", new MatrixGame(new int[3, 2]) },
            { "one row", new MatrixGame(new[,] { { 3, -1, 2 } }) },
            { "duplicate rows", new MatrixGame(new[,] { { 1, 2 }, { 1, 2 }, { 0, 5 } }) },
            { "dominated strategies", new MatrixGame(new[,] { { 3, 1, 4 }, { 1, 5, 9 }, { 2, 6, 5 }, { 0, 0, 0 } }) },
        };
        var rng = new Random(7);
        foreach (var (m, n) in new[] { (3, 4), (5, 5), (4, 2), (7, 6), (10, 10) })
        {
            var a = new int[m, n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++) a[i, j] = rng.Next(-9, 10);
            data.Add($"random {m}x{n}", new MatrixGame(a));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void EverySolutionIsAnEquilibriumNoPlayerGainsByDeviating(string name, MatrixGame game)
    {
        var nash = game.SolveExactly();
        Assert.All(nash.Row.Concat(nash.Column), p => Assert.True(p >= Fraction.Zero, name));
        Assert.Equal(Fraction.One, nash.Row.Aggregate(Fraction.Zero, (s, p) => s + p));
        Assert.Equal(Fraction.One, nash.Column.Aggregate(Fraction.Zero, (s, p) => s + p));
        Assert.Equal(nash.Value, game.ExpectedPayoff(nash.Row, nash.Column));
        // No pure row earns more against y, no pure column concedes less against x: max_i (Ay)_i = v = min_j (xᵀA)_j.
        Assert.Equal(nash.Value, game.RowPayoffs(nash.Column).Max());
        Assert.Equal(nash.Value, game.ColumnPayoffs(nash.Row).Min());
        Assert.True(game.IsEquilibrium(nash.Row, nash.Column), name);
        Assert.Equal(nash.Value, game.RowPayoffs(nash.Column)[game.BestRowResponse(nash.Column)]);
    }

    [Fact]
    public void ExpectedPayoffsAndBestResponsesMatchHandComputations()
    {
        var game = Lecture();
        Fraction[] half = [F(1, 2), F(1, 2)], third = [F(1, 3), F(1, 3), F(1, 3)];
        // rows against uniform Blue: (30 − 10 + 20)/3 = 40/3 and (−10 + 20 − 20)/3 = −10/3; Red mixing ½/½ gets 5
        Assert.Equal([F(40, 3), F(-10, 3)], game.RowPayoffs(third));
        Assert.Equal(F(5), game.ExpectedPayoff(half, third));
        Assert.Equal(5.0, game.ExpectedPayoff([0.5, 0.5], [1.0 / 3, 1.0 / 3, 1.0 / 3]), 12);
        Assert.Equal(0, game.BestRowResponse(third));
        // columns against Red ½/½: A 10, B 5, C 0, so Blue's best reply is C
        Assert.Equal([F(10), F(5), F(0)], game.ColumnPayoffs(half));
        Assert.Equal([10.0, 5.0, 0.0], game.ColumnPayoffs([0.5, 0.5]));
        Assert.Equal(2, game.BestColumnResponse(half));
        Assert.Equal(F(-10), game[1, 0]);
        Assert.False(game.IsEquilibrium(half, [F(0), F(1, 2), F(1, 2)]));
        Assert.Equal(string.Join(Environment.NewLine, "     A    B    C", "1   30  -10   20", "2  -10   20  -20"), game.ToString());
    }

    [Fact]
    public void AProfileFailingOnlyOnePlayersConditionIsNotAnEquilibrium()
    {
        var game = Lecture();
        var nash = game.SolveExactly();
        // Red plays row 1 against Blue's equilibrium mix: both rows earn 20/7 against it, so Red cannot gain ...
        Fraction[] row1 = [F(1), F(0)];
        Fraction value = game.ExpectedPayoff(row1, nash.Column);
        Assert.Equal(F(20, 7), value);
        Assert.All(game.RowPayoffs(nash.Column), p => Assert.True(p <= value));
        // ... but Blue can: column B costs Red −10 < 20/7. Only the column player's condition fails.
        Assert.Equal(F(-10), game.ColumnPayoffs(row1).Min());
        Assert.False(game.IsEquilibrium(row1, nash.Column));
        // The mirror image: Blue plays B against Red's equilibrium mix; no column costs Red less than 20/7 (A 90/7,
        // B and C 20/7), but Red gains by switching to row 2 (20 > 20/7). Only the row player's condition fails.
        Fraction[] columnB = [F(0), F(1), F(0)];
        value = game.ExpectedPayoff(nash.Row, columnB);
        Assert.Equal([F(90, 7), F(20, 7), F(20, 7)], game.ColumnPayoffs(nash.Row));
        Assert.All(game.ColumnPayoffs(nash.Row), p => Assert.True(p >= value));
        Assert.Equal(F(20), game.RowPayoffs(columnB).Max());
        Assert.False(game.IsEquilibrium(nash.Row, columnB));
    }

    [Fact]
    public void BadInputsGiveClearErrors()
    {
        var game = Lecture();
        Assert.Contains("The payoff matrix is 0x3", Assert.Throws<ArgumentException>(() => new MatrixGame(new int[0, 3])).Message);
        Assert.Contains("rowLabels has 3 names but the game has 2 rows",
            Assert.Throws<ArgumentException>(() => new MatrixGame(new[,] { { 1, 2 }, { 3, 4 } }, ["a", "b", "c"])).Message);
        Assert.Contains("column has 2 probabilities but the game has 3 columns",
            Assert.Throws<ArgumentException>(() => game.RowPayoffs([F(1, 2), F(1, 2)])).Message);
        Assert.Contains("row[0] = -1/2: probabilities must be non-negative",
            Assert.Throws<ArgumentException>(() => game.ColumnPayoffs([F(-1, 2), F(3, 2)])).Message);
        Assert.Contains("row sums to 2/3, not 1",
            Assert.Throws<ArgumentException>(() => game.ColumnPayoffs([F(1, 3), F(1, 3)])).Message);
        Assert.Contains("column sums to 0.9, not 1",
            Assert.Throws<ArgumentException>(() => game.ExpectedPayoff([0.5, 0.5], [0.3, 0.3, 0.3])).Message);
        Assert.Contains("row[1] = NaN",
            Assert.Throws<ArgumentException>(() => game.ColumnPayoffs([0.5, double.NaN])).Message);
    }
}
