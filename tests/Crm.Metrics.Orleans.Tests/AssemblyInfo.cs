// Each cluster uses every core; two at once would only make the timeouts race.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
