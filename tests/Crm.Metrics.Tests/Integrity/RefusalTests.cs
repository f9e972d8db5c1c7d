using Crm.Domain.Assessments;
using Crm.Domain.Segments;
using Crm.Metrics.Assessments;
using Crm.Metrics.CustomerValue;
using Crm.Metrics.Segments;

namespace Crm.Metrics.Tests.Integrity;

/// <summary>The reproductions of "no null, NaN or undefined value slips through", each refused naming the caller's parameter.</summary>
public class RefusalTests
{
    [Fact]
    public void Nulls_nans_and_defaults_are_refused_by_the_callers_parameter()
    {
        Assert.Throws<ArgumentException>("rules", () => new RfmSegmentMap([null!]));
        var segment = new Segment("s", SegmentRule.FrequencyAtLeast(1));
        var customer = Crm.Domain.Customers.Customer.CreatePerson(new CustomerId("c1"), new Crm.Domain.Customers.PersonProfile("Ada"), Instant.FromUtc(2026, 1, 1, 0, 0));
        Assert.Throws<ArgumentException>("segments", () => _ = Segment.Memberships([segment, null!], [(customer, null)]));
        Assert.Throws<ArgumentException>("segments", () => Segment.FirstMatch([null!], [(customer, null)]));
        Assert.Throws<ArgumentNullException>("Rule", () => new Segment("s", null!));
        Assert.Throws<ArgumentException>("Name", () => new Segment(string.Empty, SegmentRule.FrequencyAtLeast(1)));
        Assert.Throws<ArgumentNullException>("Scorecard", () => new AssessmentEvidence(null!));
        Assert.Throws<ArgumentException>("lifetimeValue", () => ValueBasis.Given(default));
        Assert.Throws<ArgumentOutOfRangeException>("Weight", () => new ChecklistItem("k", "text", Scale.Likert(), double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("Weight", () => new Dimension("d", "D", [new ChecklistItem("k", "text", Scale.Likert())], double.PositiveInfinity));

        var framework = AssessmentFramework.SixC;
        var assessment = new Assessment(framework, new AssessmentSubject(SubjectKind.Customer, "c1"), Instant.FromUtc(2026, 1, 1, 0, 0), "me", [new Answer(framework.Dimensions[0].Key, framework.Dimensions[0].Items[0].Key, 3)]);
        Assert.Throws<ArgumentOutOfRangeException>("target", () => assessment.GapsTo(new Dictionary<string, double> { [framework.Dimensions[0].Key] = double.NaN }));
    }
}
