using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Part of the fast path (Training/Fast), used by <see cref="FastOptimizer"/>: Adam's update for contiguous float32
/// CPU buffers in one pass over memory (the tensor-operation form needs six passes and a temporary): for each element,
/// m ← m + (1-β1)(g - m), v ← β2·v + (1-β2)·g², θ ← θ - s·m / (√v + ε'), while summing g² for the gradient norm.
/// SIMD (System.Numerics.Vector) over chunks run on torch's thread count.
/// </summary>
static class FusedAdam
{
    const int MinChunk = 1 << 16;

    /// <summary>Whether the fused kernel can run on these buffers.</summary>
    public static bool Supports(Tensor t) =>
        t.device_type == DeviceType.CPU && t.dtype == ScalarType.Float32 && t.is_contiguous();

    /// <summary>
    /// Updates <paramref name="values"/>, <paramref name="m"/> and <paramref name="v"/> in place from
    /// <paramref name="gradients"/>; returns the sum of the squared gradients. <paramref name="threads"/> defaults to
    /// torch's intra-op thread count.
    /// </summary>
    public static unsafe double Step(Tensor values, Tensor gradients, Tensor m, Tensor v,
        float oneMinusBeta1, float beta2, float stepSize, float epsilon, int? threads = null)
    {
        long n = values.numel();
        fixed (byte* p = values.bytes, g = gradients.bytes, mp = m.bytes, vp = v.bytes)
        {
            nint pp = (nint)p, gp = (nint)g, mpp = (nint)mp, vpp = (nint)vp;
            int chunks = Math.Max(1, (int)Math.Min(threads ?? get_num_threads(), n / MinChunk));
            if (chunks == 1)
                return Chunk((float*)pp, (float*)gp, (float*)mpp, (float*)vpp, (int)n, oneMinusBeta1, beta2, stepSize, epsilon);
            var partial = new double[chunks];
            long per = (n + chunks - 1) / chunks;
            per = (per + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, i =>
            {
                long start = i * per, count = Math.Min(per, n - start);
                if (count <= 0) return;
                partial[i] = Chunk((float*)pp + start, (float*)gp + start, (float*)mpp + start, (float*)vpp + start, (int)count,
                    oneMinusBeta1, beta2, stepSize, epsilon);
            });
            return partial.Sum();
        }
    }

    static unsafe double Chunk(float* p, float* g, float* m, float* v, int n,
        float oneMinusBeta1, float beta2, float stepSize, float epsilon)
    {
        int width = Vector<float>.Count, i = 0;
        var a1 = new Vector<float>(oneMinusBeta1);
        var b2 = new Vector<float>(beta2);
        var a2 = new Vector<float>(1 - beta2);
        var step = new Vector<float>(stepSize);
        var eps = new Vector<float>(epsilon);
        double total = 0;
        while (i <= n - width)
        {
            // Sum squares in float over a block, then in double, so the norm stays accurate for millions of values.
            var squares = Vector<float>.Zero;
            int end = Math.Min(n - width, i + 4096 * width);
            for (; i <= end; i += width)
            {
                var gv = *(Vector<float>*)(g + i);
                var mv = *(Vector<float>*)(m + i);
                var vv = *(Vector<float>*)(v + i);
                mv += a1 * (gv - mv);
                var g2 = gv * gv;
                vv = b2 * vv + a2 * g2;
                squares += g2;
                *(Vector<float>*)(m + i) = mv;
                *(Vector<float>*)(v + i) = vv;
                *(Vector<float>*)(p + i) -= step * mv / (Vector.SquareRoot(vv) + eps);
            }
            total += Vector.Sum(squares);
        }
        for (; i < n; i++)
        {
            float gi = g[i];
            m[i] += oneMinusBeta1 * (gi - m[i]);
            v[i] = beta2 * v[i] + (1 - beta2) * (gi * gi);
            total += gi * gi;
            p[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) + epsilon);
        }
        return total;
    }
}
