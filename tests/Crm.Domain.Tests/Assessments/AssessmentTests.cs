using Crm.Domain.Assessments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Assessments;

/// <summary>Assessments: hand-scored 6C and 5C fixtures, the direction of the 5C of credit, and the laws of scoring.</summary>
public class AssessmentTests
{
    private static readonly AssessmentSubject Us = new(SubjectKind.Organisation, "Harbour & Pine");
    private static readonly Instant March = Instant.FromUtc(2026, 3, 31, 12, 0);

    [Fact]
    public void A_hand_scored_6C_assessment()
    {
        Answer[] answers =
        [
            new("Customer", "segmentation", 4), new("Customer", "value-analysis", 2), // (75 + 25) / 2 = 50
            new("Cost", "acquisition-cost", 5), new("Cost", "retention-cost", 3), // service-cost unanswered: (100 + 50) / 2 = 75
            new("Convenience", "purchase-convenience", 5), new("Convenience", "service-convenience", 5), // 100
            new("Communication", "multi-channel", 1), new("Communication", "feedback-management", 2, "no ticket system yet"), // (0 + 25) / 2 = 12.5
            new("Culture", "values", 3), // 50 (one of two answered)
            // Competition: nothing answered → unscored, not 0.
        ];

        var assessment = new Assessment(AssessmentFramework.SixC, Us, March, "ops team", answers);

        Assert.Equal([50.0, 75.0, 100.0, 12.5, 50.0, null], assessment.Dimensions.Select(d => d.Score));
        Assert.Equal((1, 2), (assessment.Dimensions[4].Answered, assessment.Dimensions[4].Items));

        // Overall over the five scored dimensions (equal weights): (50 + 75 + 100 + 12.5 + 50) / 5 = 57.5.
        Assert.Equal(57.5, assessment.Overall);
        Assert.Equal((9, 13), assessment.Coverage); // 2 + 3 + 2 + 2 + 2 + 2 items
        Assert.Equal(["Communication", "Customer", "Culture"], assessment.Weakest().Select(d => d.Key));

        // Gaps to a target of 80 everywhere: 30, 5, −20, 67.5, 30, unscored.
        var gaps = assessment.GapsTo(AssessmentFramework.SixC.Dimensions.ToDictionary(d => d.Key, _ => 80.0));
        Assert.Equal([30.0, 5.0, -20.0, 67.5, 30.0, null], gaps.Select(g => g.Difference));

        // A month later, Communication improved to (50 + 50) / 2 = 50: +37.5; the overall (50+75+100+50+50)/5 = 65: +7.5.
        var later = new Assessment(AssessmentFramework.SixC, Us, March + Duration.FromDays(30), "ops team",
            [.. answers.Where(a => a.Dimension != "Communication"), new("Communication", "multi-channel", 3), new("Communication", "feedback-management", 3)]);
        var (dimensions, overall) = later.ChangeSince(assessment);
        Assert.Equal(37.5, dimensions.Single(d => d.Key == "Communication").Difference);
        Assert.Equal(7.5, overall);
        Assert.Throws<ArgumentException>("earlier", () => assessment.ChangeSince(later));
    }

    [Fact]
    public void A_hand_scored_5C_with_weights_and_the_credit_direction()
    {
        // 5C CRM principles, every item 4 except Concern's two at 2: Concern = 25, the others 75.
        var answers = AssessmentFramework.CrmPrinciples5C.Dimensions.SelectMany(d => d.Items.Select(i => new Answer(d.Key, i.Key, d.Key == "Concern" ? 2 : 4)));
        var assessment = new Assessment(AssessmentFramework.CrmPrinciples5C, Us, March, "ops team", answers);
        Assert.Equal([75.0, 75.0, 75.0, 25.0, 75.0], assessment.Dimensions.Select(d => d.Score));
        Assert.Equal(65.0, assessment.Overall); // (4 × 75 + 25) / 5

        // 5C of credit: 1..10 with 1 = best; 1 → 100, 10 → 0, 4 → (10 − 4) / 9 × 100 = 66.67.
        var credit = new Assessment(AssessmentFramework.Credit5C, new AssessmentSubject(SubjectKind.Customer, "c-1001"), March, "lender",
            [new("Character", "track-record", 1), new("Capacity", "repayment-capacity", 10), new("Capital", "own-funds", 4)]);
        Assert.Equal([100.0, 0.0, 600 / 9.0], credit.Dimensions.Take(3).Select(d => d.Score!.Value));

        // A custom framework with weights: Speed twice as heavy as Care; (2 × 100 + 1 × 50) / 3 = 83.33.
        var custom = new AssessmentFramework("service", "Service check",
        [
            new Dimension("Speed", "Speed", [new ChecklistItem("reply", "We reply within a day", Scale.Likert(3))], Weight: 2),
            new Dimension("Care", "Care", [new ChecklistItem("follow-up", "We follow up", Scale.Likert(3))]),
        ]);
        var scored = new Assessment(custom, Us, March, "me", [new("Speed", "reply", 3), new("Care", "follow-up", 2)]);
        Assert.Equal(250 / 3.0, scored.Overall!.Value, 12);
    }

    [Fact]
    public void Invalid_frameworks_and_answers_are_refused_with_a_clear_message()
    {
        var item = new ChecklistItem("i", "item", Scale.Likert());
        Assert.Contains("at least one dimension", Assert.Throws<ArgumentException>("dimensions", () => new AssessmentFramework("x", "X", [])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("dimensions", () => new AssessmentFramework("x", "X", [new Dimension("A", "A", [item]), new Dimension("A", "A2", [item])]));
        Assert.Throws<ArgumentException>("dimensions", () => new AssessmentFramework("x", "X", [new Dimension("A", "A", [item, item])]));
        Assert.Throws<ArgumentException>("dimensions", () => new AssessmentFramework("x", "X", [new Dimension("A", "A", [item], Weight: -1)]));
        Assert.Throws<ArgumentException>("dimensions", () => new AssessmentFramework("x", "X", [new Dimension("A", "A", [item], Weight: 0)]));
        Assert.Throws<ArgumentException>("dimensions", () => new AssessmentFramework("x", "X", [new Dimension("A", "A", [])]));
        Assert.Throws<ArgumentException>("maximum", () => new Scale(5, 5));

        Assert.Contains("no item 'Cost/nope'", Assert.Throws<ArgumentException>("answers", () => new Assessment(AssessmentFramework.SixC, Us, March, "a", [new("Cost", "nope", 3)])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("answers", () => new Assessment(AssessmentFramework.SixC, Us, March, "a", [new("Cost", "service-cost", 6)]));
        Assert.Throws<ArgumentException>("answers", () => new Assessment(AssessmentFramework.SixC, Us, March, "a", [new("Cost", "service-cost", 3), new("Cost", "service-cost", 4)]));
        Assert.Equal(6, AssessmentFramework.BuiltIn.Count);
    }

    /// <summary>A built-in framework and answers to some of its items (each item answered or not).</summary>
    public static Arbitrary<(AssessmentFramework Framework, Answer[] Answers, double WeightScale)> Cases() =>
        (from framework in Gen.Elements(AssessmentFramework.BuiltIn.ToArray())
         let items = framework.Dimensions.SelectMany(d => d.Items.Select(i => (d.Key, Item: i))).ToArray()
         from picks in Gen.Choose(-1, 10).ArrayOf(items.Length)
         from scale in Gen.Choose(1, 100).Select(k => k / 7.0)
         select (framework,
             items.Zip(picks).Where(p => p.Second >= 0).Select(p => new Answer(p.First.Key, p.First.Item.Key, Math.Clamp(p.Second, p.First.Item.Scale.Minimum, p.First.Item.Scale.Maximum))).ToArray(),
             scale)).ToArbitrary();

    [Property(Arbitrary = [typeof(AssessmentTests)], MaxTest = 300)]
    public void Scores_are_bounded_and_the_overall_lies_between_the_dimensions((AssessmentFramework Framework, Answer[] Answers, double WeightScale) c)
    {
        var assessment = new Assessment(c.Framework, Us, March, "a", c.Answers);
        var scored = assessment.Dimensions.Where(d => d.Score is not null).Select(d => d.Score!.Value).ToList();

        Assert.All(scored, s => Assert.InRange(s, 0, 100));
        Assert.Equal(scored.Count == 0, assessment.Overall is null);
        if (assessment.Overall is { } overall)
        {
            Assert.InRange(overall, scored.Min() - 1e-9, scored.Max() + 1e-9);
        }

        // Unanswered items are left out, not counted as zero: a dimension's score depends only on its answers.
        Assert.All(assessment.Dimensions, d => Assert.Equal(d.Answered == 0, d.Score is null));
    }

    [Property(Arbitrary = [typeof(AssessmentTests)], MaxTest = 300)]
    public void A_better_answer_never_lowers_a_score_and_scaling_the_weights_changes_nothing((AssessmentFramework Framework, Answer[] Answers, double WeightScale) c)
    {
        var before = new Assessment(c.Framework, Us, March, "a", c.Answers);
        if (c.Answers.Length > 0)
        {
            var first = c.Answers[0];
            var scale = c.Framework[first.Dimension].Items.Single(i => i.Key == first.Item).Scale;
            var better = Math.Clamp(first.Value + (scale.Direction == ScaleDirection.HigherIsBetter ? 1 : -1), scale.Minimum, scale.Maximum);
            var after = new Assessment(c.Framework, Us, March, "a", [first with { Value = better }, .. c.Answers.Skip(1)]);
            Assert.True(after.Overall >= before.Overall - 1e-9);
            Assert.True(after.Dimensions.Single(d => d.Key == first.Dimension).Score >= before.Dimensions.Single(d => d.Key == first.Dimension).Score - 1e-9);
        }

        var scaled = new AssessmentFramework(c.Framework.Key, c.Framework.Name, c.Framework.Dimensions.Select(d =>
            d with { Weight = d.Weight * c.WeightScale, Items = [.. d.Items.Select(i => i with { Weight = i.Weight * c.WeightScale })] }));
        var rescored = new Assessment(scaled, Us, March, "a", c.Answers);
        Assert.Equal(before.Overall ?? -1, rescored.Overall ?? -1, 1e-9);
    }
}
