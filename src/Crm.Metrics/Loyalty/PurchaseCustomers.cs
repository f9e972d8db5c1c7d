using Crm.Metrics.Storage;

namespace Crm.Metrics.Loyalty;

/// <summary>
/// The customers a purchase snapshot's results read, one at a time: the rows of one period's store as they lie, or a
/// period's rows derived on the fly from a store shared by several periods (<see cref="PurchaseView"/>). The scans
/// read the same fields either way.
/// </summary>
internal readonly struct PurchaseCustomers
{
    private readonly StoredCustomers<CustomerHistory, CustomerPeriod> _stored;
    private readonly PurchaseView? _view;

    /// <param name="stored">One period's sealed store.</param>
    public PurchaseCustomers(StoredCustomers<CustomerHistory, CustomerPeriod> stored) => _stored = stored;

    /// <param name="view">A period's view of a store shared by several periods.</param>
    public PurchaseCustomers(PurchaseView view) => _view = view;

    /// <summary>How many threads scans over these customers may use side by side.</summary>
    public int ScanParallelism => _view?.ScanParallelism ?? _stored.ScanParallelism;

    /// <summary>The customers with a period row (a record in the period or a recorded acquisition).</summary>
    public int WithPeriod => _view?.WithPeriod ?? _stored.WithPeriod;

    /// <summary>Enumerates the customers.</summary>
    public Enumerator GetEnumerator() => new(_stored, _view);

    /// <summary>One customer: its id, its history up to the period's end and its period row (empty when it has none).</summary>
    internal readonly ref struct Customer
    {
        private readonly ref readonly CustomerHistory _history;
        private readonly ref readonly CustomerPeriod _period;

        public Customer(CustomerId id, ref readonly CustomerHistory history, ref readonly CustomerPeriod period)
        {
            Id = id;
            _history = ref history;
            _period = ref period;
        }

        public CustomerId Id { get; }

        public ref readonly CustomerHistory History => ref _history;

        public ref readonly CustomerPeriod Period => ref _period;
    }

    /// <summary>Walks the customers of a store, or of a view.</summary>
    internal ref struct Enumerator
    {
        private StoredCustomers<CustomerHistory, CustomerPeriod>.Enumerator _stored;
        private readonly PurchaseView.Cursor? _cursor;

        internal Enumerator(StoredCustomers<CustomerHistory, CustomerPeriod> stored, PurchaseView? view)
        {
            if (view is null)
            {
                _stored = stored.GetEnumerator();
            }
            else
            {
                _cursor = view.Open();
            }
        }

        public readonly Customer Current
        {
            get
            {
                if (_cursor is { } cursor)
                {
                    return new Customer(cursor.Id, ref cursor.History[0], ref cursor.Period[0]);
                }

                var customer = _stored.Current;
                return new Customer(customer.Id, in customer.History, in customer.Period);
            }
        }

        public bool MoveNext() => _cursor?.MoveNext() ?? _stored.MoveNext();
    }
}
