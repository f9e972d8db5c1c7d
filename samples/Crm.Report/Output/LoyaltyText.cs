using System.Globalization;
using System.Text;
using Crm.Domain.LoyaltyProgrammes;
using Crm.Metrics.LoyaltyProgrammes;
using Crm.Metrics.Results;

namespace Crm.Report.Output;

/// <summary>The text report's LOYALTY PROGRAMME section.</summary>
internal static class LoyaltyText
{
    public static void Write(StringBuilder text, LoyaltyProgrammeMetrics m, LoyaltyProgramme programme)
    {
        var currency = m.Currency.Code;
        string Money(decimal amount) => string.Create(CultureInfo.InvariantCulture, $"{amount:N2} {currency}");
        string Share(Rate rate) => rate.Value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.0 %}") : $"n/a ({rate.UndefinedReason})";

        TextLayout.Wrap(text, "Programme     ", string.Create(
            CultureInfo.InvariantCulture,
            $"{Counted(programme.Tiers.Count, "tier", "tiers")} ({string.Join(", ", programme.Tiers.Select(t => t.Name))}); a point is worth {programme.PointValue.Amount} {currency}; points {(programme.ExpiryMonths is { } months ? $"expire {months} months after they are earned" : "never expire")}"), "              ");
        TextLayout.Wrap(text, "Members       ", string.Create(CultureInfo.InvariantCulture, $"{m.Members:N0} at the period's end; {m.ActiveMembers:N0} active (a sale, or points earned or redeemed, in the period)"), "              ");
        TextLayout.Wrap(text, "Enrolment     ", m.EnrolmentRate.IsDefined
            ? string.Create(CultureInfo.InvariantCulture, $"{Share(m.EnrolmentRate)} of the {m.EnrolmentRate.Denominator:N0} customers who bought in the period are members")
            : Share(m.EnrolmentRate), "              ");
        var p = m.Points;
        TextLayout.Wrap(text, "Points        ", string.Create(CultureInfo.InvariantCulture, $"issued {p.Issued:N0}, redeemed {p.Redeemed:N0}, expired {p.Expired:N0}, adjusted {p.Adjusted:+#,0;-#,0;0} (net); outstanding at the end {p.Outstanding:N0}"), "              ");
        TextLayout.Wrap(text, "Redemption    ", m.RedemptionRate.IsDefined
            ? string.Create(CultureInfo.InvariantCulture, $"{Share(m.RedemptionRate)}: points redeemed for each point issued in the period (older points count too, so it may pass 100 %)")
            : Share(m.RedemptionRate), "              ");
        TextLayout.Wrap(text, "Breakage      ", m.Breakage.IsDefined
            ? string.Create(CultureInfo.InvariantCulture, $"{Share(m.Breakage)} of the points that left balances in the period expired unused")
            : Share(m.Breakage), "              ");
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Liability     {Money(m.Liability.Amount)} ({p.Outstanding:N0} points outstanding at {programme.PointValue.Amount} {currency})"));

        text.AppendLine();
        TextLayout.WrapItems(text, "Tiers at the end: ", [.. m.Tiers.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Tier} {t.Members:N0}"))], ", ", "  ");
        TextLayout.Wrap(text, string.Empty, string.Create(CultureInfo.InvariantCulture, $"{Counted(m.DueForDowngrade, "member holds", "members hold")} a tier only by its grace period and will move down unless they qualify again."), string.Empty);
        var mig = m.Migration;
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Tier migration, the day before the period against its last day: {mig.Upgrades:N0} up, {mig.Downgrades:N0} down; {mig.Joined:N0} joined, {mig.Left:N0} left"));
        var width = Math.Max(10, mig.Tiers.Max(t => t.Length) + 2);
        text.Append("  " + "from \\ to".PadRight(width));
        foreach (var tier in mig.Tiers)
        {
            text.Append(tier.PadLeft(width));
        }

        text.AppendLine();
        for (var i = 0; i < mig.Tiers.Count; i++)
        {
            text.Append("  " + mig.Tiers[i].PadRight(width));
            foreach (var count in mig.Counts[i])
            {
                text.Append(count.ToString("N0", CultureInfo.InvariantCulture).PadLeft(width));
            }

            text.AppendLine();
        }

        text.AppendLine();
        TextLayout.Wrap(text, string.Empty, "Members against non-members, customers who bought in the period (an observational comparison, not the programme's causal effect: the customers who join differ from those who do not):", string.Empty);
        var (a, b) = (m.Effect.Members, m.Effect.NonMembers);
        text.AppendLine($"  {string.Empty,-34}{"Members",16}{"Non-members",16}");
        Line(text, "Customers who bought", a.Customers.ToString("N0", CultureInfo.InvariantCulture), b.Customers.ToString("N0", CultureInfo.InvariantCulture));
        Line(text, "Revenue per customer", PerCount(a.RevenuePerCustomer), PerCount(b.RevenuePerCustomer));
        Line(text, "Average order value", PerCount(a.AverageOrderValue), PerCount(b.AverageOrderValue));
        Line(text, "Orders per customer", Ratio(a.PurchaseFrequency), Ratio(b.PurchaseFrequency));
        Line(text, "Retention (bought before, again)", Short(a.Retention), Short(b.Retention));
        Line(text, "Churn", Short(a.Churn), Short(b.Churn));

        var ba = m.Effect.BeforeAfter;
        text.AppendLine();
        if (ba.Members == 0)
        {
            TextLayout.Wrap(text, string.Empty, $"Before and after joining: no member to compare ({ba.Before.RevenuePerMember.UndefinedReason}).", string.Empty);
            return;
        }

        TextLayout.Wrap(text, string.Empty, string.Create(
            CultureInfo.InvariantCulture,
            $"Before and after joining, per member, for the {Counted(ba.Members, "member", "members")} who joined 545 to 180 days before the period's end: in the {ba.WindowDays} days before joining {PerCount(ba.Before.RevenuePerMember)} and {Ratio(ba.Before.OrdersPerMember)} orders ({ba.Before.Buyers:N0} bought); in the {ba.WindowDays} days after {PerCount(ba.After.RevenuePerMember)} and {Ratio(ba.After.OrdersPerMember)} orders ({ba.After.Buyers:N0} bought)."), string.Empty);

        string PerCount(MoneyPerCount value) => value.Value is { } v ? Money(v.Amount) : "n/a";
    }

    private static string Ratio(Rate rate) => rate.Value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    private static string Short(Rate rate) => rate.Value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.0 %} of {rate.Denominator:N0}") : "n/a";

    private static void Line(StringBuilder text, string label, string members, string others) =>
        text.AppendLine($"  {label,-34}{members,16}{others,16}");

    private static string Counted(long count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? one : many)}");
}
