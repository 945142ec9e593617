"""Plain geometry: the router's first-match rule and STRtree lookups, distances."""

from shapely.geometry import box

from fieldreports.geo import PointLocator, Router, Rule, bbox_around, haversine_m, shape_of


def test_first_matching_rule_by_order_wins():
    # Given a ward polygon rule (order 10) and a province-wide rule (order 20) for category 1
    rules = [Rule(20, 2, frozenset({1}), agency_id=200), Rule(10, 1, frozenset({1}), 100, box(0, 0, 1, 1))]
    router = Router(rules)
    # Then inside the polygon the earlier rule wins, outside the province-wide one does
    assert router.match([1], 0.5, 0.5).agency_id == 100
    assert router.match([1], 5, 5).agency_id == 200
    # And a category no rule covers finds nothing
    assert router.match([2], 0.5, 0.5) is None


def test_point_on_edge_matches_and_missing_point_only_matches_everywhere_rules():
    router = Router([Rule(1, 1, None, 7, box(0, 0, 1, 1))])
    assert router.match([3], 1.0, 0.5).agency_id == 7  # on the edge (lat 1 = the top edge)
    assert router.match([3], None, None) is None


def test_locator_and_distances():
    locator = PointLocator([(11, box(0, 0, 1, 1)), (12, box(1, 0, 2, 1))])
    assert locator.locate(0.5, 1.5) == 12
    assert locator.locate(5, 5) is None
    # 0.001° of latitude is about 111 m
    assert 110 < haversine_m(16.0, 107.0, 16.001, 107.0) < 112
    min_lat, max_lat, min_lon, max_lon = bbox_around(16.0, 107.0, 250)
    assert max_lat - min_lat > 0.0044 and max_lon - min_lon > max_lat - min_lat


def test_shape_of_accepts_feature_and_refuses_points():
    feature = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}
    assert shape_of(feature).area == 0.5
    import pytest

    from fieldreports.geo import GeometryError

    with pytest.raises(GeometryError):
        shape_of({"type": "Point", "coordinates": [0, 0]})
