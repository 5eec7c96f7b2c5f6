using System.Numerics;
using Xunit;

namespace GanCourse.Tests.MathTests;

public class FractionTests
{
    [Fact]
    public void FractionsAreKeptInLowestTermsWithAPositiveDenominator()
    {
        var f = new Fraction(6, -8);
        Assert.Equal(new BigInteger(-3), f.Numerator);
        Assert.Equal(new BigInteger(4), f.Denominator);
        Assert.Equal("-3/4", f.ToString());
        Assert.Equal("5", new Fraction(10, 2).ToString());
        Assert.Equal(Fraction.Zero, new Fraction(0, -7));
        Assert.Equal("0", default(Fraction).ToString());
        Assert.Equal(BigInteger.One, default(Fraction).Denominator);
    }

    [Fact]
    public void ArithmeticAndComparisonsAreExact()
    {
        Fraction half = new(1, 2), third = new(1, 3);
        Assert.Equal(new Fraction(5, 6), half + third);
        Assert.Equal(new Fraction(1, 6), half - third);
        Assert.Equal(new Fraction(1, 6), half * third);
        Assert.Equal(new Fraction(3, 2), half / third);
        Assert.Equal(new Fraction(-1, 2), -half);
        Assert.True(third < half && half > third && half >= new Fraction(2, 4) && third <= half && half != third);
        // 1/3 + 1/3 + 1/3 is exactly 1 (not 0.9999999999999999)
        Assert.Equal(Fraction.One, third + third + third);
        Fraction seven = 7;
        Assert.Equal(new Fraction(20, 7), (Fraction)20 / seven);
        Assert.Equal(20.0 / 7, (double)(new Fraction(20, 7)), 15);
    }

    [Fact]
    public void DoublesConvertThroughTheirDecimalDigits()
    {
        Assert.Equal(new Fraction(1, 10), Fraction.FromDouble(0.1));
        Assert.Equal(new Fraction(5, 2), Fraction.FromDouble(2.5));
        Assert.Equal(new Fraction(-3, 4), Fraction.FromDouble(-0.75));
        Assert.Equal(new Fraction(30, 1), Fraction.FromDouble(30));
        Assert.Contains("cannot be written as an exact fraction", Assert.Throws<ArgumentOutOfRangeException>(() => Fraction.FromDouble(double.NaN)).Message);
    }

    [Fact]
    public void ZeroDenominatorsAndDivisionByZeroAreRejected()
    {
        Assert.Contains("the denominator must not be zero", Assert.Throws<DivideByZeroException>(() => new Fraction(1, 0)).Message);
        Assert.Throws<DivideByZeroException>(() => Fraction.One / Fraction.Zero);
    }

    [Fact]
    public void HugeNumeratorsAndDenominatorsStillConvertToDouble()
    {
        var big = BigInteger.Pow(10, 400);
        Assert.Equal(1.0 / 3, new Fraction(big + 1, 3 * big).ToDouble(), 15);
    }
}
