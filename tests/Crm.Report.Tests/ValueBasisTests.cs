using System.Text.Json;
using NodaTime.Testing;

namespace Crm.Report.Tests;

/// <summary>LTV:CAC is always listed: undefined with the option to set it, or the models' CLV of a new customer over CAC.</summary>
public sealed class ValueBasisTests
{
    private static readonly IClock Clock = new FakeClock(Instant.FromUtc(2026, 11, 2, 8, 0));

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = ReportApp.Run(args, stdout, stderr, Clock);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static JsonElement LtvToCac(params string[] args)
    {
        var run = Run([.. args, "--format", "json"]);
        Assert.True(run.Exit == 0, run.Err);
        return JsonDocument.Parse(run.Out).RootElement.GetProperty("metrics").GetProperty("ltvToCac").Clone();
    }

    [Fact]
    public void Without_a_basis_LTV_CAC_is_listed_as_not_computed_with_the_option_that_computes_it()
    {
        var entry = LtvToCac();

        Assert.Equal(JsonValueKind.Null, entry.GetProperty("value").ValueKind);
        Assert.Contains("--value-basis revenue or margin", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("LTV:CAC", Run().Out, StringComparison.Ordinal);
    }

    [Fact]
    public void On_revenue_and_on_margin_it_is_the_lifetime_value_over_CAC_and_margin_scales_the_value_down()
    {
        var revenue = LtvToCac("--value-basis", "revenue");
        var margin = LtvToCac("--value-basis", "margin");

        foreach (var entry in new[] { revenue, margin })
        {
            var ltv = entry.GetProperty("lifetimeValue").GetDouble();
            var cac = entry.GetProperty("customerAcquisitionCost").GetDouble();
            Assert.True(ltv > 0 && cac > 0);
            Assert.Equal(ltv / cac, entry.GetProperty("value").GetDouble(), 9);
        }

        // The demo company's sales carry costs: its margin rate is between 0 and 1, and the same for both CAC's.
        var rate = margin.GetProperty("lifetimeValue").GetDouble() / revenue.GetProperty("lifetimeValue").GetDouble();
        Assert.InRange(rate, 0.2, 0.6);
        Assert.Equal(revenue.GetProperty("customerAcquisitionCost").GetDouble(), margin.GetProperty("customerAcquisitionCost").GetDouble());
    }

    [Fact]
    public void Another_basis_is_a_usage_error_naming_the_option()
    {
        var run = Run("--value-basis", "profit");

        Assert.Equal(2, run.Exit);
        Assert.Equal(string.Empty, run.Out);
        Assert.StartsWith("crm-report: --value-basis: \"profit\" is not revenue or margin", run.Err, StringComparison.Ordinal);
    }
}
