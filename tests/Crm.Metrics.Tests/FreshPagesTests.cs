using Crm.Metrics.Storage;

namespace Crm.Metrics.Tests;

/// <summary>
/// Large arrays are written once per page as they are made (zero bytes): that changes nothing a caller reads — a new
/// array is all defaults, references included — a resized one keeps its elements, and a small array is not written.
/// </summary>
public class FreshPagesTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(21_249)]    // just under the large-object heap (84,996 bytes of int): left as it is
    [InlineData(300_001)]   // many pages, the last one partial
    public void A_new_array_is_all_defaults(int length)
    {
        Assert.All(FreshPages.New<int>(length), x => Assert.Equal(0, x));
        Assert.All(FreshPages.New<Mixed>(length), x => Assert.Equal(default, x));
        Assert.All(FreshPages.New<string?>(length), Assert.Null);
    }

    [Fact]
    public void A_resized_array_keeps_its_elements_and_adds_defaults()
    {
        var array = Enumerable.Range(1, 50_000).Select(i => new Mixed(i, i.ToString(System.Globalization.CultureInfo.InvariantCulture), i * 0.5m)).ToArray();

        FreshPages.Resize(ref array, 120_000);

        Assert.Equal(120_000, array.Length);
        Assert.Equal(Enumerable.Range(1, 50_000).Select(i => new Mixed(i, i.ToString(System.Globalization.CultureInfo.InvariantCulture), i * 0.5m)), array.Take(50_000));
        Assert.All(array.Skip(50_000), x => Assert.Equal(default, x));
    }

    [Fact]
    public void An_array_under_the_large_object_size_is_left_as_it_is()
    {
        // 21,249 ints: 84,996 bytes, one element short of the large-object heap. Its memory is written already, so
        // nothing is written again: values with no zero byte stay whole.
        var array = Enumerable.Range(0, 21_249).Select(i => i | 0x01010101).ToArray();

        var touched = FreshPages.Touched(array);

        Assert.Same(array, touched);
        Assert.Equal(Enumerable.Range(0, 21_249).Select(i => i | 0x01010101), touched);
    }

    private readonly record struct Mixed(int Number, string? Text, decimal Amount);
}
