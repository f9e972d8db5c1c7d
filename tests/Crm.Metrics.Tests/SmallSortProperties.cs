using Crm.Metrics.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

/// <summary>The sort of a customer's days sorts, on either side of the length where it hands over to the framework's.</summary>
public class SmallSortProperties
{
    /// <summary>Up to 40 numbers (past <see cref="SmallSort.InsertionMost"/>): repeated days, sorted and reversed runs, the extremes.</summary>
    public static Arbitrary<int[]> Values() =>
        Gen.Choose(0, 40).SelectMany(n => Gen.Frequency(
                (3, Gen.Choose(0, 9)),
                (2, Gen.Choose(-100_000, 100_000)),
                (1, Gen.Elements(int.MinValue, int.MaxValue, 0, -1)))
            .ArrayOf(n))
        .SelectMany(values => Gen.Elements(0, 1, 2).Select(shape => shape switch
        {
            1 => [.. values.Order()],
            2 => values.OrderDescending().ToArray(),
            _ => values,
        }))
        .ToArbitrary();

    [Property(Arbitrary = [typeof(SmallSortProperties)], MaxTest = 1000)]
    public void The_numbers_come_out_ascending(int[] values)
    {
        var sorted = values.ToArray();

        SmallSort.Ascending(sorted);

        Assert.Equal(values.Order(), sorted);
    }
}
