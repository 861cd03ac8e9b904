// The geometry of a painted line (field_course.h), shared by the MJCF that
// draws it and the referee that tests feet against it: its length along the
// centre line, the painted pieces (one for a solid line, one per dash), the
// point at a distance along it, and how far a point is from the paint.
#pragma once

#include <utility>
#include <vector>

#include "simarena/track/field_course.h"

namespace simarena {

double line_length(const PaintedLine& line);  // m along the centre line

// Where the centre line is `s` m from its start.
Vec2 line_point(const PaintedLine& line, double s);

// The painted stretches [s0, s1] along the centre line: the whole line when
// solid, each dash when dashed (the last one cut at the line's end).
std::vector<std::pair<double, double>> painted_pieces(const PaintedLine& line);

// Distance in the plane from (x, y) to the paint (0 on it): each painted
// piece is a strip `width` wide with square ends. On an arc, distance along
// it is measured on the centre line's circle.
double distance_to_paint(const PaintedLine& line, double x, double y);

}  // namespace simarena
