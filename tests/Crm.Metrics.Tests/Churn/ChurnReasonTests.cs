using System.Globalization;
using System.Text.Json;
using Crm.Metrics.Churn;

namespace Crm.Metrics.Tests.Churn;

/// <summary>
/// The reasons the churn warning fires keep their numbers and are worded when first read: the words, in any culture
/// and from any thread, and the value semantics of a reason written out by hand.
/// </summary>
public class ChurnReasonTests
{
    public static TheoryData<string, string> Worded() => new()
    {
        { "single", "one purchase only, 400 days ago" },
        { "gap", "84 days since the last purchase, 3.2 × the usual gap of 26.5 days" },
        { "drop-one", "1 purchase day in the last 90 days against 4.5 expected at the usual rate" },
        { "drop-many", "1,204 purchase days in the last 365 days against 2000.0 expected at the usual rate" },
        { "complaints", "1 complaint in the last 90 days (3 in the 90 before)" },
        { "unresolved", "2 unresolved complaints, the oldest open 12 days" },
        { "detractors", "1 NPS detractor answer (0-6) in the last 30 days" },
        { "p-alive", "P(alive) 0.12 from the purchase model" },
        { "several", "3 warning signals together" },
    };

    [Theory]
    [MemberData(nameof(Worded))]
    public void A_fired_reason_is_worded_from_its_numbers_in_the_invariant_culture(string name, string expected)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var reason = new ChurnReason("code", ChurnRiskLevel.Medium, Facts(name));

            Assert.Equal(expected, reason.Text);
            Assert.Equal(expected, reason.Text); // read again: the same words
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void A_fired_reason_equals_the_same_reason_written_out()
    {
        var fired = new ChurnReason("long-gap", ChurnRiskLevel.High, ReasonFacts.LongGap(84, 3.23, 26));
        var written = new ChurnReason("long-gap", ChurnRiskLevel.High, "84 days since the last purchase, 3.2 × the usual gap of 26 days");

        Assert.Equal(written, fired);
        Assert.Equal(fired, written);
        Assert.Equal(written.GetHashCode(), fired.GetHashCode());
        Assert.Equal(written.ToString(), fired.ToString());
        Assert.NotEqual(written with { Text = "another text" }, fired);
        Assert.NotEqual(written with { Level = ChurnRiskLevel.Medium }, fired);
        Assert.NotEqual(written with { Code = "frequency-drop" }, fired);
    }

    [Fact]
    public void A_copy_keeps_the_words_unless_it_is_given_others()
    {
        var fired = new ChurnReason("long-gap", ChurnRiskLevel.High, ReasonFacts.LongGap(84, 3.23, 26));

        Assert.Equal("84 days since the last purchase, 3.2 × the usual gap of 26 days", (fired with { Level = ChurnRiskLevel.Medium }).Text);
        Assert.Equal("84 days since the last purchase, 3.2 × the usual gap of 26 days", (fired with { Code = "x" }).Text);
        Assert.Equal("mine", (fired with { Text = "mine" }).Text);
        _ = fired.Text;
        Assert.Equal("mine", (fired with { Text = "mine" }).Text);
        Assert.Throws<ArgumentNullException>(() => fired with { Text = null! });
    }

    [Fact]
    public void Threads_reading_a_fired_reason_at_once_read_the_same_words()
    {
        var reasons = Enumerable.Range(0, 2_000).Select(i => new ChurnReason("frequency-drop", ChurnRiskLevel.Medium, ReasonFacts.FrequencyDrop(i % 3, 90, 4.5))).ToArray();
        var texts = new string[reasons.Length, 4];

        Parallel.For(0, 4, t =>
        {
            for (var i = 0; i < reasons.Length; i++)
            {
                texts[i, t] = reasons[i].Text;
            }
        });

        for (var i = 0; i < reasons.Length; i++)
        {
            var expected = $"{i % 3} purchase day{(i % 3 == 1 ? string.Empty : "s")} in the last 90 days against 4.5 expected at the usual rate";
            for (var t = 0; t < 4; t++)
            {
                Assert.Equal(expected, texts[i, t]);
            }
        }
    }

    [Fact]
    public void A_fired_reason_reads_back_from_json_equal()
    {
        var fired = new ChurnReason("complaints", ChurnRiskLevel.High, ReasonFacts.Complaints(4, 90, 1));

        var json = JsonSerializer.Serialize(fired, CrmJson.Options);
        var back = JsonSerializer.Deserialize<ChurnReason>(json, CrmJson.Options);

        Assert.Contains("\"4 complaints in the last 90 days (1 in the 90 before)\"", json, StringComparison.Ordinal);
        Assert.Equal(fired, back);
    }

    private static ReasonFacts Facts(string name) => name switch
    {
        "single" => ReasonFacts.SinglePurchase(400),
        "gap" => ReasonFacts.LongGap(84, 3.23, 26.46),
        "drop-one" => ReasonFacts.FrequencyDrop(1, 90, 4.5),
        "drop-many" => ReasonFacts.FrequencyDrop(1204, 365, 2000),
        "complaints" => ReasonFacts.Complaints(1, 90, 3),
        "unresolved" => ReasonFacts.Unresolved(2, 12),
        "detractors" => ReasonFacts.Detractors(1, 30),
        "p-alive" => ReasonFacts.ProbabilityAlive(0.1234),
        "several" => ReasonFacts.SeveralSignals(3),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
