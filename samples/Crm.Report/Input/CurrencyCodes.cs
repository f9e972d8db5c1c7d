using Crm.Domain;

namespace Crm.Report.Input;

/// <summary>
/// The ISO 4217 codes the report accepts: the active list (2025), its funds and precious-metal codes, and currencies
/// withdrawn since 2007 that still appear in historic data. XXX ("no currency") and XTS (testing) are refused: an
/// amount needs a real currency.
/// </summary>
internal static class CurrencyCodes
{
    private static readonly HashSet<string> Known = new(
        """
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD
        CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
        GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW
        KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN
        NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL
        SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES
        VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG ZWL
        BYR CYP EEK HRK LTL LVL MRO MTL SIT SKK STD VEF ZMK
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    /// <summary>The currency of a known code, or <c>null</c> (see <see cref="Problem"/>).</summary>
    public static Currency? Parse(string code) => Known.Contains(code) ? new Currency(code) : null;

    /// <summary>Why a code is refused.</summary>
    public static string Problem(string code) =>
        code.Length == 3 && Known.Contains(code.ToUpperInvariant())
            ? $"\"{code}\" must be upper-case: {code.ToUpperInvariant()}"
            : $"\"{code}\" is not an ISO 4217 currency code (e.g. USD, EUR, CNY)";
}
