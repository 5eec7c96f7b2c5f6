using System.Globalization;
using System.Numerics;

namespace GanCourse;

/// <summary>
/// An exact rational number n/d (arbitrary-precision numerator and denominator, always in lowest terms with d &gt; 0),
/// so game solutions read 4/7 rather than 0.5714285714. <c>default(Fraction)</c> is 0.
/// </summary>
/// <remarks>Introduced in notebook 04.</remarks>
public readonly struct Fraction : IEquatable<Fraction>, IComparable<Fraction>
{
    private readonly BigInteger numerator;
    private readonly BigInteger denominator; // 0 only in default(Fraction), read as 1

    /// <summary>numerator/denominator, reduced to lowest terms with a positive denominator.</summary>
    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
            throw new DivideByZeroException($"Fraction {numerator}/0: the denominator must not be zero.");
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero)
        {
            numerator /= g;
            denominator /= g;
        }
        this.numerator = numerator;
        this.denominator = numerator.IsZero ? BigInteger.One : denominator;
    }

    /// <summary>0.</summary>
    public static Fraction Zero => default;

    /// <summary>1.</summary>
    public static Fraction One => new(1, 1);

    /// <summary>The numerator (carries the sign).</summary>
    public BigInteger Numerator => numerator;

    /// <summary>The denominator, always positive.</summary>
    public BigInteger Denominator => denominator.IsZero ? BigInteger.One : denominator;

    /// <summary>−1, 0 or +1.</summary>
    public int Sign => numerator.Sign;

    /// <summary>
    /// The decimal number a double shows: converted through <see cref="decimal"/> (at most 15 significant digits),
    /// so 0.1 becomes 1/10 and 2.5 becomes 5/2. NaN, infinities and magnitudes beyond decimal's range (~7.9e28) are rejected.
    /// </summary>
    public static Fraction FromDouble(double value)
    {
        if (!double.IsFinite(value) || System.Math.Abs(value) > 7.9e28)
            throw new ArgumentOutOfRangeException(nameof(value), value,
                $"{value.ToString(CultureInfo.InvariantCulture)} cannot be written as an exact fraction: use a finite number of magnitude below 7.9e28.");
        decimal d = (decimal)value;
        int[] bits = decimal.GetBits(d);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        int scale = (bits[3] >> 16) & 0xFF;
        if (bits[3] < 0) mantissa = -mantissa;
        return new Fraction(mantissa, BigInteger.Pow(10, scale));
    }

    /// <summary>The nearest double.</summary>
    public double ToDouble()
    {
        var n = Numerator;
        var d = Denominator;
        // Shift huge operands down so the double conversion cannot overflow to ∞/∞.
        long excess = System.Math.Max(n.IsZero ? 0 : (long)BigInteger.Abs(n).GetBitLength(), (long)d.GetBitLength()) - 1000;
        if (excess > 0)
        {
            n >>= (int)excess;
            d >>= (int)excess;
            if (d.IsZero) return n.Sign * double.PositiveInfinity;
        }
        return (double)n / (double)d;
    }

    public static implicit operator Fraction(int value) => new(value, 1);
    public static implicit operator Fraction(long value) => new(value, 1);
    public static implicit operator Fraction(BigInteger value) => new(value, 1);
    public static explicit operator double(Fraction f) => f.ToDouble();

    public static Fraction operator +(Fraction a, Fraction b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a, Fraction b) =>
        new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a) => new(-a.Numerator, a.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Fraction operator /(Fraction a, Fraction b)
    {
        if (b.Numerator.IsZero) throw new DivideByZeroException($"{a} / 0: cannot divide by zero.");
        return new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
    }

    public static bool operator ==(Fraction a, Fraction b) => a.Equals(b);
    public static bool operator !=(Fraction a, Fraction b) => !a.Equals(b);
    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;
    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;
    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    /// <inheritdoc/>
    public bool Equals(Fraction other) => Numerator == other.Numerator && Denominator == other.Denominator;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Fraction f && Equals(f);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <inheritdoc/>
    public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>"4/7", "-1/2", or "3" for whole numbers.</summary>
    public override string ToString() =>
        Denominator.IsOne ? Numerator.ToString(CultureInfo.InvariantCulture)
                          : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
}
