// The SDK's parameter helper: every key a controller never read is an error
// naming it, so a -p typo or a -p for a controller without parameters is
// never silently ignored.
#include <catch2/catch.hpp>
#include <simarena/custom_interface.hpp>
#include <simarena/params.hpp>

using Catch::Matchers::Contains;

TEST_CASE("params: finish() names every key that was never read, and the known ones") {
  simarena::Params params("kp=60, speed=1;foo=2");
  CHECK(params.number("kp", 80.0) == 60.0);
  params.number("kd", 2.0);
  CHECK_THROWS_WITH(params.finish(), Contains("unknown parameters 'foo', 'speed'") && Contains("(known: kd, kp)"));
}

TEST_CASE("params: a controller that reads none says it takes no parameters") {
  simarena::Params params("gain=3");
  CHECK_THROWS_WITH(params.finish(), Contains("this controller takes no parameters; unused: 'gain'"));
  simarena::Params empty(" , ");
  CHECK_NOTHROW(empty.finish());
}

namespace {
class LoopRateOnly : public CustomInterface {
 public:
  explicit LoopRateOnly(const double& loop_rate) : CustomInterface(loop_rate) {}

 private:
  void UserCode(bool) override {}
};

}  // namespace

static simarena::ControllerContext context_with(const std::string& params) {
  simarena::ControllerContext context;
  context.control_period = 0.002;
  context.params = params;
  return context;
}

TEST_CASE("params: the SDK refuses parameters for a controller whose constructor cannot see them") {
  CHECK_THROWS_WITH(simarena::detail::construct<LoopRateOnly>(context_with("kp=60")),
                    Contains("this controller takes no parameters") && Contains("'kp=60'"));
  delete simarena::detail::construct<LoopRateOnly>(context_with(" , "));
}
