using System.Collections;
using System.Globalization;
using System.Reflection;
using Crm.Domain.Customers;
using Crm.Domain.Segments;
using Crm.Metrics.Care;
using Crm.Metrics.Churn;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;
using Crm.Metrics.Tests.Lifetime;

namespace Crm.Metrics.Tests.Integrity;

/// <summary>
/// Every <c>ToString()</c> of a public type reads the same in every culture, and never shows personal data: checked
/// on every object reachable from real results (a scorecard, its state, fits and forecasts, RFM, tiers, churn, care).
/// </summary>
public class CultureTextTests
{
    private static readonly CultureInfo[] Cultures = [CultureInfo.InvariantCulture, new("de-DE"), new("tr-TR"), new("fr-CH"), new("ar-SA")];

    private static IEnumerable<object> Roots()
    {
        var period = ReportingPeriod.Month(2020, 1, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
        var accumulator = new ScorecardAccumulator(period, new ScorecardSettings { Currency = Currency.Eur, Funnel = Crm.Testing.CrmGen.Funnel });
        accumulator.AddRange(StateIntegrityTests.Rich);
        yield return accumulator.Result(Instant.FromUtc(2026, 1, 1, 0, 0));
        yield return accumulator.ToState();
        yield return period;

        var summary = CdnowData.SummaryWithoutHoldout;
        var bg = BgNbdModel.Fit(summary);
        var spend = GammaGammaModel.Fit(CustomerBaseSummary.FromSummaries(summary.Customers.Where(c => c.Frequency > 0 && c.MeanRepeatValue is { Amount: > 0 }), new SummaryOptions(CdnowData.CalibrationEnd)));
        yield return bg;
        yield return spend;
        var customer = summary.Customers.First(c => c.Frequency > 2);
        yield return customer;
        var clv = new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(4), 0.01, 0.3m);
        yield return CustomerLifetimeValue.Forecast(bg.Model, spend.Model, customer, clv);
        yield return CustomerExplanation.Explain(bg.Model, customer, ModelTime.Weeks(39), spend.Model, clv);
        yield return ShiftedBetaGeometricModel.Fit([1000, 631, 468, 382, 326]);

        var purchases = CdnowData.Purchases.Where(p => p.OccurredAt < Instant.FromUtc(1997, 10, 1, 0, 0)).ToList();
        var rfm = RfmAnalysis.Compute(purchases, new RfmOptions(CdnowData.CalibrationEnd));
        yield return rfm;
        yield return ValueTierAnalysis.FromRfm(rfm);
        yield return ChurnWarning.Assess(CdnowData.CalibrationEnd, null, purchases, model: bg.Model, summary: summary);
        yield return SegmentRule.MonetaryAtLeast(1234.5m).And(SegmentRule.ClvAtLeast(0.25m)).And(SegmentRule.AcquiredBetween(Instant.FromUtc(2020, 1, 1, 0, 0), null));
        yield return new Money(9_614_067.79m, Currency.Eur);
    }

    [Fact]
    public void Every_text_of_every_reachable_object_is_the_same_in_every_culture()
    {
        var checkedTypes = new HashSet<Type>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var root in Roots())
        {
            Visit(root, 0, visited, checkedTypes);
        }

        Assert.True(checkedTypes.Count >= 40, $"{checkedTypes.Count} types checked: {string.Join(", ", checkedTypes.Select(t => t.Name))}");
    }

    private static void Visit(object value, int depth, HashSet<object> visited, HashSet<Type> checkedTypes)
    {
        var type = value.GetType();
        if (depth > 6 || type.Namespace?.StartsWith("Crm.", StringComparison.Ordinal) != true || (!type.IsValueType && !visited.Add(value)))
        {
            return;
        }

        var texts = Cultures.Select(culture => InCulture(culture, value.ToString)).ToList();
        Assert.All(texts, text => Assert.Equal(texts[0], text));
        Assert.DoesNotContain("System.Collections", texts[0], StringComparison.Ordinal);
        checkedTypes.Add(type);

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            object? child;
            try
            {
                child = property.GetValue(value);
            }
            catch (TargetInvocationException)
            {
                continue; // a member that refuses (an undefined value): nothing to print
            }

            if (child is IEnumerable items and not string)
            {
                foreach (var item in items.Cast<object?>().Take(3))
                {
                    if (item is not null)
                    {
                        Visit(item is DictionaryEntry entry ? entry.Value ?? entry.Key : item, depth + 1, visited, checkedTypes);
                    }
                }
            }
            else if (child is not null)
            {
                Visit(child, depth + 1, visited, checkedTypes);
            }
        }
    }

    private static string InCulture(CultureInfo culture, Func<string?> text)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            return text() ?? string.Empty;
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Texts_that_once_differed_by_culture_read_the_same()
    {
        var de = new CultureInfo("de-DE");
        Assert.Equal("monetary >= 1234.5", InCulture(de, SegmentRule.MonetaryAtLeast(1234.5m).ToString));
        Assert.NotEqual(ReportingPeriod.Month(0, 1, DateTimeZone.Utc).ToString(), ReportingPeriod.Month(1, 1, DateTimeZone.Utc).ToString());
        Assert.StartsWith("0000-01-01", ReportingPeriod.Month(0, 1, DateTimeZone.Utc).ToString(), StringComparison.Ordinal);
        var tiers = ValueTierAnalysis.Compute([KeyValuePair.Create(new CustomerId("a"), 9_614_067.79m), KeyValuePair.Create(new CustomerId("b"), 1.5m)]);
        Assert.Contains("9614067.79", InCulture(de, tiers.Tiers[0].ToString), StringComparison.Ordinal);
    }

    [Fact]
    public void Texts_of_records_with_personal_data_hide_it()
    {
        var ada = Customer.CreatePerson(new CustomerId("c1"), new PersonProfile("Ada Lovelace", birthDate: new LocalDate(1815, 12, 10)), Instant.FromUtc(2026, 1, 1, 0, 0));
        var occasions = CareCalendar.For([ada], new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)), [new Holiday(new LocalDate(2026, 12, 25), "Ada's party")]);
        Assert.NotEmpty(occasions);
        foreach (var occasion in occasions)
        {
            var text = occasion.ToString();
            Assert.DoesNotContain("Ada", text, StringComparison.Ordinal);
            Assert.DoesNotContain("12-10", text, StringComparison.Ordinal);
            Assert.DoesNotContain("1815", text, StringComparison.Ordinal);
        }

        var answer = new Crm.Domain.Assessments.Answer("d", "i", 3, "Ada said her husband…", new Uri("https://example.test/ada"));
        Assert.DoesNotContain("Ada", answer.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("example.test", answer.ToString(), StringComparison.Ordinal);
    }
}
