"""The 70/20/10 catalogue, recommendations, CPD log, evaluations."""
