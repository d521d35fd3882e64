"""The gRPC adapter over the engine: servicer, conversions, configuration, start-up."""
