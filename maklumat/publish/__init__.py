"""What a build publishes: page plan, page fragments, feeds, manifest, reserved URLs and the build facade."""
