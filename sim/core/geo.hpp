#pragma once
// Great-circle distances between capitals, crisis sites and the adversary.

namespace alliance {

struct GeoPoint {
  double latitude = 0.0;   // degrees, north positive
  double longitude = 0.0;  // degrees, east positive
  bool operator==(const GeoPoint&) const = default;
};

// Haversine distance on a sphere of radius 6371 km.
double distance_km(GeoPoint a, GeoPoint b);

}  // namespace alliance
