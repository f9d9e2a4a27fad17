import Fetcher
